// A preset's MIDI-learn mappings applied to a MIDI file for `govox render`: mapped
// controllers become parameter automation through the parameter's curve, at their times,
// and do not reach the voice; the rest does, with MIDI learn's own rules.
#include "ui/presets/MidiAutomation.hpp"

#include "engine/abi/govox_abi.h"

#include <gtest/gtest.h>

#include <cmath>

namespace govox::presets {
namespace {

using midi::TimedMessage;

const std::vector<host::ParamInfo> kParams{
    {0, "Cutoff", "Hz", 80, 12000, 1800, GOVOX_CURVE_EXPONENTIAL},
    {1, "Level", "", 0, 1, 0.25f, GOVOX_CURVE_LINEAR},
};

TEST(MidiAutomation, AMappedControllerMovesItsParameterThroughItsCurveAtItsTime) {
    const MappedSong song = applyMidiMappings(
        {{0.0, 0x90, 60, 100}, {0.5, 0xB3, 74, 127}, {0.75, 0xB0, 74, 64}, {1.0, 0x80, 60, 0}},
        {{-1, 74, "cutoff"}}, kParams);
    ASSERT_EQ(2u, song.messages.size()) << "the controllers do not reach the voice";
    EXPECT_EQ(0x90, song.messages[0].status);
    EXPECT_EQ(0x80, song.messages[1].status);
    ASSERT_EQ(2u, song.automation.size());
    EXPECT_EQ(0.5, song.automation[0].seconds);
    EXPECT_EQ(0u, song.automation[0].index);
    EXPECT_FLOAT_EQ(12000.0f, song.automation[0].value);
    EXPECT_NEAR(80 * std::pow(150.0, 64 / 127.0), song.automation[1].value, 0.01)
        << "equal ratios per step on an exponential curve";
}

TEST(MidiAutomation, OtherControllersChannelsModeMessagesAndMissingParametersPassThrough) {
    const MappedSong song =
        applyMidiMappings({{0.1, 0xB0, 1, 64},    // mod wheel: not mapped
                           {0.2, 0xB5, 7, 64},    // mapped on channel 1 only
                           {0.3, 0xB0, 123, 0},   // all notes off: never
                           {0.4, 0xB0, 20, 127}}, // a parameter the voice lacks
                          {{0, 7, "Level"}, {-1, 123, "Level"}, {-1, 20, "Gone"}}, kParams);
    EXPECT_EQ(4u, song.messages.size());
    EXPECT_TRUE(song.automation.empty());
}

TEST(MidiAutomation, OfTwoMappingsForOneControllerTheLaterWins) {
    const MappedSong song =
        applyMidiMappings({{0.1, 0xB0, 7, 127}}, {{-1, 7, "Cutoff"}, {-1, 7, "Level"}}, kParams);
    ASSERT_EQ(1u, song.automation.size());
    EXPECT_EQ(1u, song.automation[0].index);
    EXPECT_FLOAT_EQ(1.0f, song.automation[0].value);
}

} // namespace
} // namespace govox::presets
