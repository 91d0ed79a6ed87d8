// The window with voices that go wrong, written for it against the public SDK
// (go-plugins/internal/testvoices), played as a user plays: keys clicked on the on-screen
// keyboard, a knob turned. A voice stuck in NoteOn, in NoteOff or in a parameter change,
// or panicking mid-render raises the crash banner naming the voice and the cause; NaN
// output is said in the status bar. Each within a second of the fault.
#include "WindowRig.hpp"
#include "tests/support/qt/QtTestApp.hpp"

#include "ui/params/ParamControl.hpp"
#include "ui/params/ParamPanel.hpp"
#include "ui/window/CrashBanner.hpp"

#include <QStatusBar>
#include <QTest>

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <functional>

namespace {

using govox::app::test::WindowRig;
using govox::ui::test::waitUntil;
using Clock = std::chrono::steady_clock;

struct WindowFault {
    const char* name;
    const char* voice;  // in go-plugins/internal/testvoices
    const char* report; // what the window shows
    double faultAfter;  // seconds after the action the voice goes wrong
    std::function<void(WindowRig&)> act;
};

void PrintTo(const WindowFault& f, std::ostream* os) {
    *os << f.name;
}

// What the window says of the voice: the banner's message, else the status bar's.
QString shown(WindowRig& rig) {
    govox::ui::CrashBanner* banner = rig.window_->crashBanner();
    if (banner->isVisible()) return banner->message();
    return rig.window_->statusBar()->currentMessage();
}

class WindowFaults : public ::testing::TestWithParam<WindowFault> {};

TEST_P(WindowFaults, AreShownByNameAndCauseWithinASecond) {
    const WindowFault f = GetParam();
    WindowRig rig(QString("internal/testvoices/") + f.voice);
    ASSERT_TRUE(rig.waitForVoice());
    f.act(rig);
    const auto fault = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(f.faultAfter));
    const bool seen = waitUntil([&] { return shown(rig).contains(f.report); },
                                static_cast<int>(1000 * (f.faultAfter + 5)));
    const double late = std::chrono::duration<double>(Clock::now() - fault).count();
    const QString text = shown(rig);
    ASSERT_TRUE(seen) << "not shown; the window says: " << text.toStdString();
    std::printf("[ measured ] %s: shown %.3f s after the fault: %s\n", f.name, late,
                qPrintable(text));
    EXPECT_TRUE(text.contains(QString("voice '%1'").arg(f.voice))) << text.toStdString();
    EXPECT_LT(late, 1.0);
    rig.screenshot(QString("window-fault-%1.png").arg(f.voice));
}

void pressKey(WindowRig& rig, int note) {
    rig.clickKey(note, true);
}

void pressAndRelease(WindowRig& rig, int note) {
    rig.clickKey(note, true);
    QTest::qWait(100); // the note sounds first
    rig.clickKey(note, false);
}

void turnHangUpAndPlay(WindowRig& rig) {
    govox::params::ParamControl* hang = rig.window_->paramPanel()->control("Hang");
    ASSERT_NE(hang, nullptr);
    hang->setFocus();
    QTest::keyClick(hang, Qt::Key_End); // all the way up
    ASSERT_GT(hang->value(), 0.5);
    rig.clickKey(64, true); // the voice takes the new value as its note starts
}

INSTANTIATE_TEST_SUITE_P(
    Window, WindowFaults,
    ::testing::Values(WindowFault{"StuckInNoteOn", "stuckon", "has been inside NoteOn for", 0.0,
                                  [](WindowRig& r) { pressKey(r, 60); }},
                      WindowFault{"StuckInNoteOff", "stuckoff", "has been inside NoteOff for", 0.1,
                                  [](WindowRig& r) { pressAndRelease(r, 64); }},
                      WindowFault{"StuckInAParameterChange", "stuckparam",
                                  "has been inside ParamChanged for", 0.0, turnHangUpAndPlay},
                      WindowFault{"ProducingNaN", "nanout", "produced NaN or infinite samples",
                                  0.25, [](WindowRig& r) { pressKey(r, 64); }},
                      WindowFault{"PanickingMidRender", "panicmid",
                                  "panicmid: exploded after 0.5 s on purpose", 0.5,
                                  [](WindowRig& r) { pressKey(r, 64); }}),
    [](const auto& p) { return std::string(p.param.name); });

} // namespace
