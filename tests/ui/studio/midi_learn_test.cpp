// The MIDI learn table: learning a controller, sweeping a parameter through its curve,
// consuming mapped controllers and letting the others through, one controller per
// parameter and one parameter per controller, and MIDI's own thread.
#include "tests/support/qt/QtTestApp.hpp"

#include "engine/abi/govox_abi.h"
#include "ui/studio/MidiLearn.hpp"

#include <QCoreApplication>
#include <QSignalSpy>
#include <QThread>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace govox::ui {
namespace {

using test::waitUntil;

host::ParamInfo param(const char* name, float min, float max, float def, std::uint32_t curve,
                      const char* unit = "") {
    host::ParamInfo p;
    p.name = name;
    p.min = min;
    p.max = max;
    p.defaultValue = def;
    p.curve = curve;
    p.unit = unit;
    return p;
}

class MidiLearnTest : public ::testing::Test {
protected:
    void SetUp() override {
        learn.setParams({param("Cutoff", 80, 12000, 1800, GOVOX_CURVE_EXPONENTIAL, "Hz"),
                         param("Volume", -40, 0, -12, GOVOX_CURVE_DECIBEL, "dB"),
                         param("Wave", 0, 3, 0, GOVOX_CURVE_STEPPED)});
    }
    MidiLearn learn;
};

TEST_F(MidiLearnTest, TheNextControllerIsLearntAndThenMovesTheParameterThroughItsCurve) {
    QSignalSpy learning(&learn, &MidiLearn::learningChanged);
    QSignalSpy mappings(&learn, &MidiLearn::mappingsChanged);
    QSignalSpy moved(&learn, &MidiLearn::paramMoved);
    learn.arm("Cutoff");
    EXPECT_EQ(learn.armedParam(), "Cutoff");
    ASSERT_EQ(learning.count(), 1);

    const MidiLearn::Route first = learn.route(2, 74, 0);
    learn.announce(first);
    EXPECT_TRUE(first.consumed);
    EXPECT_EQ(first.param, "Cutoff");
    EXPECT_EQ(first.value, 80);
    EXPECT_TRUE(learn.armedParam().isEmpty());
    ASSERT_EQ(learn.mappings().size(), 1);
    EXPECT_EQ(learn.mappings()[0], (presets::MidiMapping{2, 74, "Cutoff"}));
    // The signals come through the event loop (route() may run on MIDI's thread).
    EXPECT_TRUE(waitUntil([&] { return mappings.count() == 1; }, 1000));
    EXPECT_EQ(learning.count(), 2);
    EXPECT_TRUE(learning.last().at(0).toString().isEmpty());

    const MidiLearn::Route top = learn.route(2, 74, 127);
    learn.announce(top);
    EXPECT_TRUE(top.consumed);
    EXPECT_EQ(top.value, 12000);
    const MidiLearn::Route middle = learn.route(2, 74, 64);
    learn.announce(middle);
    EXPECT_NEAR(middle.value, 80 * std::pow(150.0, 64 / 127.0), 1e-6) << "equal ratios per CC step";
    EXPECT_TRUE(waitUntil([&] { return moved.count() == 3; }, 1000));
    EXPECT_EQ(moved.last().at(0).toString(), "Cutoff");
    EXPECT_NEAR(moved.last().at(1).toDouble(), middle.value, 1e-9);
}

TEST_F(MidiLearnTest, UnmappedControllersAndOtherChannelsPassThrough) {
    learn.setMappings({{0, 74, "Cutoff"}});
    EXPECT_FALSE(learn.route(0, 1, 64).consumed) << "the mod wheel is not mapped";
    EXPECT_FALSE(learn.route(5, 74, 64).consumed) << "mapped on channel 1 only";
    EXPECT_TRUE(learn.route(0, 74, 64).consumed);
    learn.setMappings({{-1, 74, "Cutoff"}});
    EXPECT_TRUE(learn.route(5, 74, 64).consumed) << "a mapping on any channel";
}

TEST_F(MidiLearnTest, AMappingForAParameterTheVoiceLacksLetsItsControllerThrough) {
    learn.setMappings({{-1, 20, "Resonance"}});
    EXPECT_FALSE(learn.route(0, 20, 64).consumed);
    EXPECT_EQ(learn.mappings().size(), 1) << "kept: a later build may declare it again";
    learn.setParams({param("Resonance", 0, 1, 0, GOVOX_CURVE_LINEAR)});
    const MidiLearn::Route r = learn.route(0, 20, 127);
    EXPECT_TRUE(r.consumed);
    EXPECT_EQ(r.value, 1);
}

TEST_F(MidiLearnTest, ANewMappingReplacesTheOldOnesOfItsControllerAndItsParameter) {
    learn.setMappings({{-1, 74, "Cutoff"}, {-1, 7, "Volume"}});
    learn.arm("Cutoff");
    learn.route(0, 71, 10); // Cutoff moves to CC 71: CC 74 is free again
    learn.arm("Wave");
    learn.route(0, 7, 10); // CC 7 moves to Wave: Volume loses it
    const QList<presets::MidiMapping> m = learn.mappings();
    ASSERT_EQ(m.size(), 2);
    EXPECT_EQ(m[0], (presets::MidiMapping{0, 71, "Cutoff"}));
    EXPECT_EQ(m[1], (presets::MidiMapping{0, 7, "Wave"}));
    EXPECT_FALSE(learn.mappingFor("Volume").has_value());
    EXPECT_EQ(learn.mappingFor("cutoff")->controller, 71)
        << "names are case-insensitive, as in the SDK";
    EXPECT_FALSE(learn.route(0, 74, 64).consumed);
    EXPECT_EQ(learn.route(0, 7, 127).value, 3) << "a stepped parameter gets whole numbers";
}

TEST_F(MidiLearnTest, ChannelModeMessagesAreNeverLearnt) {
    learn.arm("Volume");
    for (int cc = 120; cc < 128; ++cc) EXPECT_FALSE(learn.route(0, cc, 0).consumed) << cc;
    EXPECT_EQ(learn.armedParam(), "Volume") << "still waiting";
    learn.disarm();
    EXPECT_TRUE(learn.armedParam().isEmpty());
    EXPECT_FALSE(learn.route(0, 74, 0).consumed) << "disarmed: nothing learnt";
    EXPECT_TRUE(learn.mappings().isEmpty());
}

TEST_F(MidiLearnTest, MappingsRoundTripForPresetsAndBadOnesAreDropped) {
    const QList<presets::MidiMapping> good = {{-1, 74, "Cutoff"}, {3, 7, "Volume"}};
    learn.setMappings(good);
    EXPECT_EQ(learn.mappings(), good);
    learn.setMappings({{16, 1, "Cutoff"},
                       {0, 128, "Cutoff"},
                       {0, 123, "Cutoff"},
                       {0, 1, ""},
                       {-1, 74, "Cutoff"}});
    EXPECT_EQ(learn.mappings(), (QList<presets::MidiMapping>{{-1, 74, "Cutoff"}}));
    learn.clearMapping("CUTOFF");
    EXPECT_TRUE(learn.mappings().isEmpty());
}

TEST_F(MidiLearnTest, MidiOnItsOwnThreadIsHandedToTheUiThread) {
    QThread* uiThread = QThread::currentThread();
    std::atomic<int> wrongThread{0};
    int movedCount = 0;
    QObject::connect(&learn, &MidiLearn::paramMoved, [&](const QString&, double) {
        if (QThread::currentThread() != uiThread) ++wrongThread;
        ++movedCount;
    });
    learn.arm("Volume");
    std::atomic<bool> stop{false};
    std::thread midi([&] { // as MIDI's dispatcher would, while the UI edits the table
        for (int i = 0; i < 2000; ++i) learn.announce(learn.route(0, 7, i % 128));
        stop = true;
    });
    while (!stop) {
        learn.setMappings(learn.mappings());
        QCoreApplication::processEvents();
    }
    midi.join();
    EXPECT_TRUE(waitUntil([&] { return movedCount == 2000; }, 5000)) << movedCount;
    EXPECT_EQ(wrongThread.load(), 0);
    EXPECT_EQ(learn.mappingFor("Volume")->controller, 7);
}

} // namespace
} // namespace govox::ui
