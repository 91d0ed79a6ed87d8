// The MIDI panel without a MIDI system: it says why MIDI is unavailable rather than
// failing, blinks its activity light, and asks for panic.
#include "tests/support/qt/QtTestApp.hpp"
#include "ui/keyboard/KeyboardWidget.hpp"
#include "ui/keyboard/MidiPanel.hpp"
#include "ui/studio/Studio.hpp"

#include <QElapsedTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QVBoxLayout>

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <unistd.h>

namespace govox::ui {
namespace {

class MidiPanelTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // No JACK server by that name: JACK MIDI is unavailable, whatever runs on this machine.
        const std::string name = "govox-no-such-server-" + std::to_string(getpid());
        setenv("JACK_DEFAULT_SERVER", name.c_str(), 1);
        setenv("JACK_NO_START_SERVER", "1", 1);
    }

    Studio studio{StudioPaths{}};
};

TEST_F(MidiPanelTest, SaysWhyJackMidiIsUnavailable) {
    MidiPanel panel(studio);
    panel.setApi(midi::MidiApi::Jack);
    EXPECT_EQ(panel.api(), midi::MidiApi::Jack);
    EXPECT_NE(panel.errorText().indexOf("JACK MIDI: JACK server not running"), -1)
        << panel.errorText().toStdString();
    EXPECT_EQ(panel.statusText(), panel.errorText());
    EXPECT_TRUE(panel.availablePorts().isEmpty());
    EXPECT_TRUE(panel.openedPorts().isEmpty());
    panel.refreshPorts(); // what the poll does: still no crash, same answer
    EXPECT_NE(panel.errorText().indexOf("JACK server not running"), -1);
}

TEST_F(MidiPanelTest, SaysWhyAlsaMidiIsUnavailable) {
    if (access("/dev/snd/seq", R_OK | W_OK) == 0)
        GTEST_SKIP() << "this machine has an ALSA sequencer";
    MidiPanel panel(studio);
    EXPECT_EQ(panel.api(), midi::MidiApi::Alsa)
        << "with neither working, ALSA's error is the one shown";
    EXPECT_EQ(panel.errorText(), "ALSA MIDI: error creating ALSA sequencer client object.");
    EXPECT_EQ(panel.statusText(), panel.errorText());
    EXPECT_TRUE(panel.openedPorts().isEmpty());
}

TEST_F(MidiPanelTest, ActivityLightBlinksWhenTheMessageCountMoves) {
    MidiPanel panel(studio);
    EXPECT_FALSE(panel.activityLit());
    panel.setMessageCount(0);
    EXPECT_FALSE(panel.activityLit()) << "no new message";
    QElapsedTimer clock;
    clock.start();
    panel.setMessageCount(5);
    EXPECT_TRUE(panel.activityLit());
    EXPECT_TRUE(test::waitUntil([&] { return !panel.activityLit(); }, 2000));
    EXPECT_GE(clock.elapsed(), 90);
}

TEST_F(MidiPanelTest, PanicButtonAsksForPanic) {
    MidiPanel panel(studio);
    QSignalSpy panic(&panel, &MidiPanel::panicRequested);
    panel.findChild<QPushButton*>()->click();
    EXPECT_EQ(panic.count(), 1);
}

TEST_F(MidiPanelTest, ScreenshotWithMidiUnavailable) {
    QWidget frame;
    auto* layout = new QVBoxLayout(&frame);
    auto* panel = new MidiPanel(studio, &frame);
    auto* keys = new KeyboardWidget(&frame);
    layout->addWidget(panel);
    layout->addWidget(keys);
    frame.resize(900, 150);
    frame.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&frame));
    const QString path = GOVOX_SCREENSHOT_DIR "/ui_keyboard_unavailable.png";
    ASSERT_TRUE(frame.grab().save(path));
}

} // namespace
} // namespace govox::ui
