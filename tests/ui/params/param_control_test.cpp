// The knob: dragging (and finer with Shift), wheel and keys, double-click for the default,
// gestures around each, the right-click actions, what it shows and says in its tooltip.
#include "tests/support/qt/QtTestApp.hpp"

#include "engine/abi/govox_abi.h"
#include "ui/params/ParamControl.hpp"

#include <QAction>
#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QWheelEvent>

#include <gtest/gtest.h>

#include <cmath>

namespace govox::params {
namespace {

using ui::test::waitUntil;

host::ParamInfo cutoff() {
    host::ParamInfo p;
    p.name = "Cutoff";
    p.min = 80;
    p.max = 12000;
    p.defaultValue = 1800;
    p.unit = "Hz";
    p.curve = GOVOX_CURVE_EXPONENTIAL;
    return p;
}

host::ParamInfo wave() {
    host::ParamInfo p;
    p.name = "Wave";
    p.min = 0;
    p.max = 3;
    p.defaultValue = 0;
    p.curve = GOVOX_CURVE_STEPPED;
    return p;
}

class ParamControlTest : public ::testing::Test {
protected:
    void show(ParamControl& c) {
        c.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&c));
    }
    void watch(ParamControl& c) {
        QObject::connect(&c, &ParamControl::gestureStarted, [this] { events.push_back("begin"); });
        QObject::connect(&c, &ParamControl::gestureEnded, [this] { events.push_back("end"); });
        QObject::connect(&c, &ParamControl::valueEdited, [this](double before, double after) {
            events.push_back("edit");
            edits.emplace_back(before, after);
        });
    }
    // A drag by (dx, dy) pixels in one move, as QTest cannot send a move with a button held.
    static void drag(ParamControl& c, QPoint by, Qt::KeyboardModifiers mods = Qt::NoModifier) {
        const QPoint from = c.knobRect().center();
        QTest::mousePress(&c, Qt::LeftButton, mods, from);
        QMouseEvent move(QEvent::MouseMove, from + by, c.mapToGlobal(from + by), Qt::NoButton,
                         Qt::LeftButton, mods);
        QApplication::sendEvent(&c, &move);
        QTest::mouseRelease(&c, Qt::LeftButton, mods, from + by);
    }
    // `eighths` of a notch, as a touchpad or a high-resolution wheel sends them.
    static void wheel(ParamControl& c, int notches, Qt::KeyboardModifiers mods = Qt::NoModifier,
                      int eighths = 8) {
        const QPointF at = c.knobRect().center();
        QWheelEvent e(at, c.mapToGlobal(at), QPoint(), QPoint(0, 15 * eighths * notches),
                      Qt::NoButton, mods, Qt::NoScrollPhase, false);
        QApplication::sendEvent(&c, &e);
    }

    std::vector<std::string> events;
    std::vector<std::pair<double, double>> edits;
};

TEST_F(ParamControlTest, StartsAtTheDefaultAndShowsItWithItsUnit) {
    ParamControl c(cutoff());
    show(c);
    EXPECT_EQ(c.name(), "Cutoff");
    EXPECT_EQ(c.value(), 1800);
    EXPECT_EQ(c.readoutText(), "1.80 kHz");
    EXPECT_NEAR(c.position(), std::log(1800.0 / 80) / std::log(150.0), 1e-6);
    EXPECT_TRUE(c.mappingText().isEmpty());
    const QString tip = c.toolTip();
    for (const char* part : {"Cutoff", "80.0 Hz", "12.0 kHz", "exponential", "Default 1.80 kHz",
                             "Unit Hz", "not mapped"})
        EXPECT_TRUE(tip.contains(part)) << part << " missing from " << tip.toStdString();
}

TEST_F(ParamControlTest, DraggingUpRaisesOverTwoHundredPixelsAsOneGesture) {
    ParamControl c(cutoff());
    show(c);
    watch(c);
    const double from = c.position(); // 0.62
    drag(c, {0, -50});
    EXPECT_NEAR(c.position(), from + 0.25, 1e-9);
    EXPECT_NEAR(c.value(), c.curve().valueAt(from + 0.25), 1e-9);
    EXPECT_EQ(events, (std::vector<std::string>{"begin", "edit", "end"}));
    EXPECT_EQ(edits[0].first, 1800);
    EXPECT_EQ(edits[0].second, c.value());
    drag(c, {0, 100}); // down lowers
    EXPECT_NEAR(c.position(), from - 0.25, 1e-9);
    drag(c, {30, 0}); // right raises
    EXPECT_NEAR(c.position(), from - 0.10, 1e-9);
    drag(c, {-20, 0}); // left lowers
    EXPECT_NEAR(c.position(), from - 0.20, 1e-9);
    drag(c, {0, 1000}); // far past the stop
    EXPECT_EQ(c.value(), 80);
}

TEST_F(ParamControlTest, ShiftOrCtrlMakesADragTenTimesFiner) {
    ParamControl c(cutoff());
    show(c);
    const double from = c.position();
    drag(c, {0, -50}, Qt::ShiftModifier);
    EXPECT_NEAR(c.position(), from + 0.025, 1e-9);
    drag(c, {0, 50}, Qt::ControlModifier);
    EXPECT_NEAR(c.position(), from, 1e-9);
}

TEST_F(ParamControlTest, DoubleClickReturnsToTheDefaultAsOneGesture) {
    ParamControl c(cutoff());
    show(c);
    drag(c, {0, -80});
    ASSERT_NE(c.value(), 1800);
    watch(c);
    // What a window system sends: press, release, double-click, release. The first click
    // is an (empty) gesture of its own, the reset another.
    const QPoint at = c.knobRect().center();
    QTest::mouseClick(&c, Qt::LeftButton, {}, at);
    QTest::mouseDClick(&c, Qt::LeftButton, {}, at);
    QTest::mouseRelease(&c, Qt::LeftButton, {}, at);
    EXPECT_NEAR(c.value(), 1800, 1e-3);
    EXPECT_EQ(events, (std::vector<std::string>{"begin", "end", "begin", "edit", "end"}));
}

TEST_F(ParamControlTest, WheelNotchesMoveAHundredthAndABurstIsOneGesture) {
    ParamControl c(cutoff());
    show(c);
    watch(c);
    const double from = c.position();
    wheel(c, 1);
    wheel(c, 2);
    EXPECT_NEAR(c.position(), from + 0.03, 1e-9);
    wheel(c, -1, Qt::ShiftModifier);
    EXPECT_NEAR(c.position(), from + 0.029, 1e-9);
    EXPECT_EQ(events, (std::vector<std::string>{"begin", "edit", "edit", "edit"}));
    EXPECT_TRUE(waitUntil([&] { return events.back() == "end"; }, 2000)) << "the burst never ended";
    EXPECT_EQ(std::count(events.begin(), events.end(), "end"), 1);
}

TEST_F(ParamControlTest, ArrowKeysStepAndHomeEndReachTheStops) {
    ParamControl c(cutoff());
    show(c);
    c.setFocus();
    const double from = c.position();
    QTest::keyClick(&c, Qt::Key_Up);
    QTest::keyClick(&c, Qt::Key_Right);
    EXPECT_NEAR(c.position(), from + 0.02, 1e-9);
    QTest::keyClick(&c, Qt::Key_PageDown);
    EXPECT_NEAR(c.position(), from - 0.08, 1e-9);
    QTest::keyClick(&c, Qt::Key_End);
    EXPECT_EQ(c.value(), 12000);
    QTest::keyClick(&c, Qt::Key_Home);
    EXPECT_EQ(c.value(), 80);
}

TEST_F(ParamControlTest, ASteppedKnobClicksThroughWholeNumbers) {
    ParamControl c(wave());
    show(c);
    watch(c);
    drag(c, {0, -40}); // a fifth of the travel: 0.6 of a step, rounds to 1
    EXPECT_EQ(c.value(), 1);
    EXPECT_NEAR(c.position(), 1.0 / 3, 1e-9) << "the knob snaps to its step";
    EXPECT_EQ(c.readoutText(), "1");
    wheel(c, 1, Qt::ShiftModifier); // fine or not, one whole step
    EXPECT_EQ(c.value(), 2);
    drag(c, {0, -10}); // not enough for another step: no edit
    EXPECT_EQ(c.value(), 2);
    EXPECT_EQ(std::count(events.begin(), events.end(), "edit"), 2);
    for (int i = 0; i < 7; ++i) wheel(c, 1, {}, 1); // seven eighths of a notch: not yet a step
    EXPECT_EQ(c.value(), 2);
    wheel(c, 1, {}, 1);
    EXPECT_EQ(c.value(), 3);
}

TEST_F(ParamControlTest, SetValueShowsWithoutEmitting) {
    ParamControl c(cutoff());
    watch(c);
    c.setValue(440);
    EXPECT_EQ(c.value(), 440);
    EXPECT_EQ(c.readoutText(), "440 Hz");
    c.setValue(1e9);
    EXPECT_EQ(c.value(), 12000) << "clamped";
    EXPECT_TRUE(events.empty());
}

TEST_F(ParamControlTest, RightClickActionsAskForLearningClearingAndTheDefault) {
    ParamControl c(cutoff());
    QSignalSpy learn(&c, &ParamControl::midiLearnRequested);
    QSignalSpy cancel(&c, &ParamControl::midiLearnCancelled);
    QSignalSpy clear(&c, &ParamControl::midiMappingClearRequested);
    c.findChild<QAction*>("midiLearn")->trigger();
    EXPECT_EQ(learn.count(), 1);
    c.setLearning(true);
    EXPECT_EQ(c.mappingText(), "Learning…");
    c.findChild<QAction*>("midiLearn")->trigger(); // now reads "Cancel MIDI Learn"
    EXPECT_EQ(cancel.count(), 1);
    c.setLearning(false);
    c.setMapping(presets::MidiMapping{0, 74, "Cutoff"});
    EXPECT_EQ(c.mappingText(), "CC 74 · ch 1");
    EXPECT_TRUE(c.toolTip().contains("CC 74")) << c.toolTip().toStdString();
    c.setMapping(presets::MidiMapping{-1, 74, "Cutoff"});
    EXPECT_EQ(c.mappingText(), "CC 74");
    c.findChild<QAction*>("clearMidiMapping")->trigger();
    EXPECT_EQ(clear.count(), 1);
    c.setValue(100);
    c.findChild<QAction*>("resetToDefault")->trigger();
    EXPECT_NEAR(c.value(), 1800, 1e-3);
}

} // namespace
} // namespace govox::params
