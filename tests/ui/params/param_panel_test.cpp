// The parameter panel over a real Studio and real Go voices (null backend, output tapped):
// a knob per declared parameter, a knob that changes what is heard without a zipper step,
// double-click for the default, undo and redo, MIDI learn through the Studio's MIDI path,
// a reload that adds and renames parameters, and the window's screenshot.
#include "tests/support/qt/QtTestApp.hpp"
#include "tests/support/studio/StudioRig.hpp"

#include "ui/params/ParamControl.hpp"
#include "ui/params/ParamPanel.hpp"

#include <QAction>
#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <thread>

namespace govox::params {
namespace {

using test::largestStep;
using test::peak;
using test::StudioRig;
using ui::test::waitUntil;

// A drag on a knob: press, one move per step of `by`, release. Each move is an edit.
void drag(ParamControl& c, QPoint by, int steps = 1) {
    const QPoint from = c.knobRect().center();
    QTest::mousePress(&c, Qt::LeftButton, {}, from);
    for (int i = 1; i <= steps; ++i) {
        const QPoint to = from + by * i / steps;
        QMouseEvent move(QEvent::MouseMove, to, c.mapToGlobal(to), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(&c, &move);
    }
    QTest::mouseRelease(&c, Qt::LeftButton, {}, from + by);
}

constexpr const char* kLevel = R"({Name: "Level", Min: 0, Max: 1, Default: 0.25})";

TEST(ParamPanel, HasOneKnobPerParameterThePadDeclaresWithItsRangeAndUnit) {
    StudioRig rig;
    ParamPanel panel(rig.studio());
    EXPECT_TRUE(panel.showsPlaceholder());
    EXPECT_TRUE(panel.placeholderText().contains("No voice"))
        << panel.placeholderText().toStdString();
    ASSERT_TRUE(rig.open(rig.copyVoice("voices/pad")));
    EXPECT_FALSE(panel.showsPlaceholder());

    const std::vector<host::ParamInfo> declared = rig.studio().params();
    ASSERT_EQ(declared.size(), 6u);
    ASSERT_EQ(panel.controls().size(), 6);
    for (std::size_t i = 0; i < declared.size(); ++i) {
        const ParamControl* c = panel.controls()[int(i)];
        SCOPED_TRACE(declared[i].name);
        EXPECT_EQ(c->name().toStdString(), declared[i].name)
            << "in the order the voice declares them";
        EXPECT_EQ(c->curve().min(), declared[i].min);
        EXPECT_EQ(c->curve().max(), declared[i].max);
        EXPECT_EQ(c->curve().unit().toStdString(), declared[i].unit);
        EXPECT_FLOAT_EQ(float(c->value()), declared[i].defaultValue);
    }
    EXPECT_EQ(panel.control("Cutoff")->curve().kind(), ui::CurveKind::Exponential);
    EXPECT_EQ(panel.control("Cutoff")->readoutText(), "1.80 kHz");
    EXPECT_EQ(panel.control("Resonance")->readoutText(), "0.300");
    EXPECT_EQ(panel.control("Detune")->readoutText(), "9.0 cents");
    EXPECT_EQ(panel.control("Attack")->readoutText(), "350 ms");
    EXPECT_EQ(panel.control("Release")->readoutText(), "1.20 s");
    EXPECT_EQ(panel.control("Volume")->curve().kind(), ui::CurveKind::Decibel);
    EXPECT_EQ(panel.control("Volume")->readoutText(), "-12.0 dB");
}

// The sine's level follows the knob: louder by the ratio asked for, within a few chunks,
// and without a step in the waveform where the value changed (the SDK smooths it).
TEST(ParamPanel, TheLevelKnobChangesWhatIsHeardSmoothly) {
    StudioRig rig;
    ASSERT_TRUE(rig.open(rig.copyVoice("internal/testvoices/sine")));
    ParamPanel panel(rig.studio());
    ParamControl* level = panel.control("Level");
    ASSERT_NE(level, nullptr);
    panel.resize(400, 300);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));

    rig.studio().noteOn(69, 100); // 440 Hz
    ASSERT_TRUE(waitUntil(
        [&] {
            const auto x = rig.captured();
            return peak(x, x.size() > 4800 ? x.size() - 4800 : 0, x.size()) > 0.01f;
        },
        5000))
        << "the note is not heard";
    ASSERT_TRUE(rig.waitForFrames(StudioRig::kRate / 5));
    const auto quietAudio = rig.captured();
    const float quiet = peak(quietAudio, quietAudio.size() - 4800, quietAudio.size());

    const std::size_t changedAt = rig.capturedFrames();
    drag(*level, {0, -100}); // half the travel: 0.25 -> 0.75
    EXPECT_NEAR(level->value(), 0.75, 1e-6);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.75, 1e-6);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.75f, 1e-6f) << "the session has it";
    ASSERT_TRUE(rig.waitForFrames(StudioRig::kRate / 2));
    const std::vector<float> x = rig.captured();
    const float loud = peak(x, x.size() - 4800, x.size());
    EXPECT_NEAR(loud / quiet, 3.0, 0.1) << quiet << " -> " << loud;

    // Heard within a few chunks: the level is past halfway 150 ms after the change at most.
    std::size_t halfway = x.size();
    for (std::size_t i = changedAt; i + 110 < x.size(); i += 55) // a 440 Hz period is 109 frames
        if (peak(x, i, i + 110) > (quiet + loud) / 2) {
            halfway = i;
            break;
        }
    EXPECT_LT(double(halfway - changedAt) / StudioRig::kRate, 0.150);

    // No zipper: nowhere a step larger than the sine's own at the louder level (plus a margin).
    const double sineStep = loud * 2 * std::numbers::pi * 440.0 / StudioRig::kRate;
    EXPECT_LT(largestStep(x, changedAt - 2400, x.size()), 1.25 * sineStep);

    // And back down: smooth too.
    const std::size_t downAt = rig.capturedFrames();
    drag(*level, {0, 100});
    ASSERT_TRUE(rig.waitForFrames(StudioRig::kRate / 2));
    const std::vector<float> y = rig.captured();
    EXPECT_NEAR(peak(y, y.size() - 4800, y.size()) / quiet, 1.0, 0.05);
    EXPECT_LT(largestStep(y, downAt - 2400, y.size()), 1.25 * sineStep);
    rig.studio().noteOff(69);
}

TEST(ParamPanel, DoubleClickReturnsAKnobAndTheVoiceToTheDefault) {
    StudioRig rig;
    ASSERT_TRUE(rig.open(rig.copyVoice("internal/testvoices/sine")));
    ParamPanel panel(rig.studio());
    ParamControl* level = panel.control("Level");
    ASSERT_NE(level, nullptr);
    drag(*level, {0, -60});
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.55, 1e-6);
    QTest::mouseDClick(level, Qt::LeftButton, {}, level->knobRect().center());
    EXPECT_NEAR(level->value(), 0.25, 1e-6);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.25, 1e-6);
    EXPECT_EQ(panel.undoStack()->count(), 2) << "the drag and the reset";
}

TEST(ParamPanel, AnAudioRestartReopensTheVoiceWithTheValuesItHad) {
    StudioRig rig;
    ASSERT_TRUE(rig.open(rig.copyVoice("internal/testvoices/sine")));
    ParamPanel panel(rig.studio());
    panel.applyValues("Set", {{"Level", 0.7}});
    QSignalSpy reopened(&rig.studio(), &ui::Studio::voiceOpened);
    audio::EngineConfig config; // another buffer size: the voice is reopened on the new stream
    config.backend = backend::BackendKind::Null;
    config.fallback = false;
    config.stream.bufferFrames = 256;
    ASSERT_TRUE(rig.studio().startAudio(config, 1024).isEmpty());
    ASSERT_TRUE(waitUntil([&] { return reopened.count() == 1; }, 60000));
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.7, 1e-6);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.7f, 1e-6f);
    ASSERT_NE(panel.control("Level"), nullptr);
    EXPECT_NEAR(panel.control("Level")->value(), 0.7, 1e-6);
    EXPECT_EQ(panel.undoStack()->count(), 1) << "the same voice: its undo steps still apply";
}

TEST(ParamPanel, UndoAndRedoADragAsOneStepAndASetOfValuesAsAnother) {
    StudioRig rig;
    ASSERT_TRUE(rig.open(rig.copyVoice("internal/testvoices/sine")));
    ParamPanel panel(rig.studio());
    ParamControl* level = panel.control("Level");
    ASSERT_NE(level, nullptr);
    QUndoStack* stack = panel.undoStack();

    drag(*level, {0, -120}, 12); // twelve edits in one drag
    EXPECT_NEAR(level->value(), 0.85, 1e-6);
    ASSERT_EQ(stack->count(), 1);
    stack->undo();
    EXPECT_NEAR(level->value(), 0.25, 1e-6);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.25, 1e-6);
    stack->redo();
    EXPECT_NEAR(level->value(), 0.85, 1e-6);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.85, 1e-6);

    // A preset load: values by name, one step; a name the voice lacks is left out.
    panel.applyValues("Load preset Bright", {{"level", 0.4}, {"Brightness", 3}});
    EXPECT_NEAR(level->value(), 0.4, 1e-6);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.4, 1e-6);
    EXPECT_EQ(panel.values(), (QMap<QString, double>{{"Level", 0.4}}));
    ASSERT_EQ(stack->count(), 2);
    EXPECT_EQ(stack->undoText(), "Load preset Bright");
    stack->undo();
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.85, 1e-6);
    stack->undo();
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.25, 1e-6);
    stack->redo();
    stack->redo();
    EXPECT_NEAR(level->value(), 0.4, 1e-6);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.4, 1e-6);
}

// MIDI learn through the Studio's MIDI path, called from a thread of its own as MIDI's
// dispatcher calls it. The voice's level is Level times the mod wheel (CC 1).
TEST(ParamPanel, MidiLearnMapsAControllerAndUnmappedControllersStillReachTheVoice) {
    StudioRig rig;
    const std::string params =
        std::string(kLevel) + R"(, {Name: "Tone", Min: 0, Max: 1, Default: 0.5})";
    ASSERT_TRUE(rig.open(rig.writeVoice("wheel", params, true)));
    ParamPanel panel(rig.studio());
    ParamControl* level = panel.control("Level");
    ASSERT_NE(level, nullptr);
    const auto cc = [&](int controller, int value) { // from "MIDI's thread"
        std::thread([&] { rig.studio().controlChange(controller, value, 0); }).join();
    };
    const auto loudness = [&] {
        rig.waitForFrames(StudioRig::kRate / 4);
        const auto x = rig.captured();
        return peak(x, x.size() - 4800, x.size());
    };

    // Right-click > MIDI Learn, then a controller moves: it is mapped.
    level->findChild<QAction*>("midiLearn")->trigger();
    EXPECT_TRUE(level->learning());
    EXPECT_EQ(level->mappingText(), "Learning…");
    cc(74, 127);
    ASSERT_TRUE(waitUntil([&] { return level->mapping().has_value(); }, 2000));
    EXPECT_EQ(*level->mapping(), (presets::MidiMapping{0, 74, "Level"}));
    EXPECT_FALSE(level->learning());
    EXPECT_EQ(level->mappingText(), "CC 74 · ch 1");
    EXPECT_EQ(rig.studio().midiLearn().mappings(), (QList<presets::MidiMapping>{{0, 74, "Level"}}));

    // Further values sweep the parameter through its range, knob included.
    cc(74, 0);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.0, 1e-6);
    cc(74, 64);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 64 / 127.0, 1e-6);
    EXPECT_TRUE(waitUntil([&] { return std::fabs(level->value() - 64 / 127.0) < 1e-6; }, 2000));

    // An unmapped controller still reaches the voice: the mod wheel opens the sound.
    rig.studio().noteOn(69, 100);
    EXPECT_LT(loudness(), 0.001f) << "mod wheel at zero: silent";
    cc(1, 127);
    const float wheelOpen = loudness();
    EXPECT_GT(wheelOpen, 0.05f) << "the mod wheel did not reach the voice";

    // Mapped, the mod wheel moves Level instead and no longer reaches the voice: with the
    // wheel left open, Level at 32/127 makes the sound quieter by 64/32; had the CC
    // reached the voice too, the wheel would close as well, quieter by (64/32)*(127/32).
    level->findChild<QAction*>("midiLearn")->trigger();
    cc(1, 32);
    ASSERT_TRUE(
        waitUntil([&] { return level->mapping() && level->mapping()->controller == 1; }, 2000));
    EXPECT_EQ(rig.studio().midiLearn().mappings().size(), 1) << "the new mapping replaced CC 74's";
    EXPECT_NEAR(rig.studio().paramValue("Level"), 32 / 127.0, 1e-6);
    EXPECT_NEAR(loudness() / wheelOpen, 32.0 / 64.0, 0.05);
    cc(74, 127); // no longer mapped: goes to the voice, which ignores it
    EXPECT_NEAR(rig.studio().paramValue("Level"), 32 / 127.0, 1e-6);

    // Clearing the mapping gives the wheel back to the voice.
    level->findChild<QAction*>("clearMidiMapping")->trigger();
    EXPECT_FALSE(level->mapping().has_value());
    cc(1, 0);
    EXPECT_LT(loudness(), 0.001f);
    rig.studio().noteOff(69);
}

TEST(ParamPanel, AReloadThatAddsAndRenamesParametersKeepsValuesByName) {
    StudioRig rig;
    const std::string before =
        std::string(kLevel) + R"(, {Name: "Drive", Min: 0, Max: 1, Default: 0.1})";
    const QString dir = rig.writeVoice("morph", before);
    ASSERT_TRUE(rig.open(dir));
    ParamPanel panel(rig.studio());
    ASSERT_EQ(panel.controls().size(), 2);
    panel.applyValues("Set", {{"Level", 0.6}, {"Drive", 0.8}});
    rig.studio().midiLearn().setMappings({{-1, 74, "Level"}});
    EXPECT_EQ(panel.control("Level")->mappingText(), "CC 74");

    // Drive becomes Gain, Tone is new, and Level moves to the end.
    rig.writeVoice("morph", R"({Name: "Gain", Min: 0, Max: 2, Default: 1, Unit: "x"},
		{Name: "Tone", Min: 20, Max: 20000, Default: 1000, Unit: "Hz", Curve: sdk.Exponential}, )" +
                                std::string(kLevel));
    ASSERT_TRUE(waitUntil([&] { return panel.control("Gain") != nullptr; }, 90000)) << "no reload";
    ASSERT_EQ(panel.controls().size(), 3);
    EXPECT_EQ(panel.controls()[0]->name(), "Gain");
    EXPECT_EQ(panel.controls()[1]->name(), "Tone");
    EXPECT_EQ(panel.controls()[2]->name(), "Level");
    EXPECT_EQ(panel.control("Drive"), nullptr);
    EXPECT_NEAR(panel.control("Level")->value(), 0.6, 1e-6) << "kept by name";
    EXPECT_EQ(panel.control("Gain")->value(), 1) << "a new name starts at its default";
    EXPECT_EQ(panel.control("Tone")->readoutText(), "1.00 kHz");
    EXPECT_EQ(panel.control("Level")->mappingText(), "CC 74") << "the mapping follows the name";

    // Undo still works by name across the reload: Drive is gone, Level comes back.
    panel.undoStack()->undo();
    EXPECT_NEAR(panel.control("Level")->value(), 0.25, 1e-6);
    EXPECT_NEAR(rig.studio().paramValue("Level"), 0.25, 1e-6);
}

} // namespace
} // namespace govox::params
