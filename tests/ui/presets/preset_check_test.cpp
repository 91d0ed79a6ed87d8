// Fitting a preset to the voice that plays it: values clamped into range with a warning,
// stepped values on whole steps, names the voice lacks kept and reported, the voice checked.
#include "TestFiles.hpp"
#include "ui/presets/PresetCheck.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace govox::presets {
namespace {

std::vector<ParamRange> ranges() {
    return {{"Cutoff", "Hz", 80, 12000, 1800, ParamCurve::Exponential},
            {"Resonance", "", 0, 0.95, 0.3, ParamCurve::Linear},
            {"Volume", "dB", -40, 0, -12, ParamCurve::Decibel},
            {"Mode", "", 0, 3, 1, ParamCurve::Stepped}};
}

Preset preset(QMap<QString, double> params) {
    Preset p = test::simplePreset("Warm");
    p.params = std::move(params);
    return p;
}

TEST(PresetCheck, ValuesInRangeAreLeftAloneAndNothingIsSaid) {
    Preset p = preset({{"Cutoff", 80}, {"Resonance", 0.95}, {"Volume", -6.5}, {"Mode", 2}});
    const Preset before = p;
    const FitReport report = clampToParams(p, ranges());
    EXPECT_EQ(p, before);
    EXPECT_TRUE(report.clean());
    EXPECT_TRUE(report.lines().isEmpty());
}

TEST(PresetCheck, OutOfRangeValuesAreClampedWithAWarningNamingParameterValueAndRange) {
    Preset p = preset({{"Cutoff", 20000}, {"Resonance", -0.5}, {"Volume", 6}, {"Mode", 1}});
    const FitReport report = clampToParams(p, ranges());
    EXPECT_EQ(p.params.value("Cutoff"), 12000);
    EXPECT_EQ(p.params.value("Resonance"), 0);
    EXPECT_EQ(p.params.value("Volume"), 0);
    EXPECT_EQ(report.warnings,
              (QStringList{"\"Cutoff\": 20000 Hz is outside its range 80 to 12000 Hz; set to "
                           "12000 Hz",
                           "\"Resonance\": -0.5 is outside its range 0 to 0.95; set to 0",
                           "\"Volume\": 6 dB is outside its range -40 to 0 dB; set to 0 dB"}));
    EXPECT_FALSE(report.clean());
}

TEST(PresetCheck, SteppedValuesLandOnWholeSteps) {
    Preset p = preset({{"Mode", 2.4}});
    FitReport report = clampToParams(p, ranges());
    EXPECT_EQ(p.params.value("Mode"), 2);
    EXPECT_EQ(report.warnings, QStringList{"\"Mode\": 2.4 is between steps; set to 2"});

    p = preset({{"Mode", 7.6}});
    report = clampToParams(p, ranges());
    EXPECT_EQ(p.params.value("Mode"), 3);
    EXPECT_EQ(report.warnings.size(), 1) << report.warnings.join('\n').toStdString();
}

TEST(PresetCheck, NamesTheVoiceDoesNotHaveAreKeptAndReported) {
    Preset p = preset({{"Cutoff", 1000}, {"Old Knob", 0.7}});
    p.midiMap = {{-1, 20, "Gone"}, {-1, 21, "Old Knob"}};
    const FitReport report = clampToParams(p, ranges());
    EXPECT_EQ(p.params.value("Old Knob"), 0.7); // still in the preset, so saved again
    EXPECT_EQ(report.unknown, (QStringList{"Old Knob", "Gone"}));
    EXPECT_EQ(report.missing, (QStringList{"Resonance", "Volume", "Mode"}));
    EXPECT_TRUE(report.lines().contains(
        "\"Old Knob\": this voice has no such parameter; kept in the preset, not applied"));
    EXPECT_FALSE(report.clean());
}

TEST(PresetCheck, ANonFiniteValueFallsBackToTheDefault) {
    Preset p = preset({{"Cutoff", std::nan("")}});
    const FitReport report = clampToParams(p, ranges());
    EXPECT_EQ(p.params.value("Cutoff"), 1800);
    EXPECT_EQ(report.warnings,
              QStringList{"\"Cutoff\": nan is not a number; the default 1800 Hz is used"});
}

TEST(PresetCheck, APresetForAnotherVoiceIsNamedWithBothVoices) {
    const Preset p = test::simplePreset("Nylon", "pluck");
    EXPECT_TRUE(checkPresetVoice(p, "pluck").isEmpty());
    EXPECT_EQ(checkPresetVoice(p, "pad"),
              QStringLiteral("preset \"Nylon\" is for the voice \"pluck\", not for \"pad\""));
}

} // namespace
} // namespace govox::presets
