// The MIDI panel on a private JACK server (dummy driver): it lists the ports there are,
// connects a keyboard plugged in while it runs, and the notes played on it arrive.
#include "tests/support/jack/JackMidiSource.hpp"
#include "tests/support/jack/JackTestServer.hpp"
#include "tests/support/qt/QtTestApp.hpp"
#include "ui/keyboard/KeyboardWidget.hpp"
#include "ui/keyboard/MidiPanel.hpp"
#include "ui/studio/Studio.hpp"

#include <QVBoxLayout>

#include <gtest/gtest.h>

#include <memory>

namespace govox::ui {
namespace {

using test::JackMidiSource;
using test::waitUntil;

class MidiPanelJackTest : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = std::make_unique<backend::test::JackTestServer>(48000, 128);
        ASSERT_EQ(server_->error(), "");
    }
    void TearDown() override { server_.reset(); } // after the test's clients have closed

    std::unique_ptr<backend::test::JackTestServer> server_;

    static QString qs(const std::string& s) { return QString::fromStdString(s); }
    // jackd publishes a new connection graph at its next cycle, so a connection made a
    // moment ago can still be missing from what another client reads: wait for it.
    static bool connectionsBecome(const JackMidiSource& source, std::size_t count) {
        return waitUntil([&] { return source.connections().size() == count; }, 3000);
    }
};

TEST_F(MidiPanelJackTest, ListsTheOutputPortsAndConnectsAllInputs) {
    JackMidiSource keyboard("govox-keys-early");
    ASSERT_EQ(keyboard.error(), "");
    Studio studio{StudioPaths{}};
    MidiPanel panel(studio);
    panel.setApi(midi::MidiApi::Jack);
    EXPECT_EQ(panel.errorText(), "");
    EXPECT_TRUE(panel.availablePorts().contains(qs(keyboard.portName())))
        << panel.availablePorts().join(", ").toStdString();
    EXPECT_EQ(panel.source(), MidiPanel::Source::AllInputs);
    EXPECT_TRUE(panel.openedPorts().contains("Govox (virtual)"));
    EXPECT_TRUE(panel.openedPorts().contains(qs(keyboard.portName())));
    EXPECT_TRUE(connectionsBecome(keyboard, 1));

    panel.setSource(MidiPanel::Source::VirtualOnly); // closes that one port, keeps Govox's
    EXPECT_EQ(panel.openedPorts(), QStringList{"Govox (virtual)"});
    EXPECT_TRUE(connectionsBecome(keyboard, 0));
    panel.setSource(MidiPanel::Source::OnePort, qs(keyboard.portName()));
    EXPECT_TRUE(panel.openedPorts().contains(qs(keyboard.portName())));
    EXPECT_TRUE(connectionsBecome(keyboard, 1));
}

TEST_F(MidiPanelJackTest, FollowsAKeyboardPluggedInLater) {
    JackMidiSource early("govox-keys-early");
    ASSERT_EQ(early.error(), "");
    Studio studio{StudioPaths{}};
    MidiPanel panel(studio);
    panel.setApi(midi::MidiApi::Jack);
    panel.setSource(MidiPanel::Source::VirtualOnly);
    panel.setFollowNewPorts(true);
    panel.show();
    ASSERT_EQ(panel.openedPorts(), QStringList{"Govox (virtual)"});
    // A connection someone made to Govox's own port survives the ports opened later.
    ASSERT_EQ(early.connectTo("Govox:Govox"), "");
    ASSERT_TRUE(connectionsBecome(early, 1));

    auto late = std::make_unique<JackMidiSource>("govox-keys-late");
    ASSERT_EQ(late->error(), "");
    const QString lateName = qs(late->portName());
    EXPECT_TRUE(waitUntil([&] { return panel.openedPorts().contains(lateName); }, 5000))
        << panel.openedPorts().join(", ").toStdString() << " / " << panel.errorText().toStdString();
    EXPECT_TRUE(connectionsBecome(*late, 1));
    EXPECT_FALSE(panel.openedPorts().contains(qs(early.portName())))
        << "it was there before: not new";
    EXPECT_EQ(early.connections(), std::vector<std::string>{"Govox:Govox"});

    // What the new keyboard plays reaches the studio and blinks the light.
    // Sent again on every poll: under load jackd can skip the source's cycle.
    const std::uint64_t before = studio.snapshot().midiMessages;
    EXPECT_TRUE(waitUntil([&] { return late->sendNoteOn(60, 100), panel.activityLit(); }, 5000))
        << server_->log();
    EXPECT_GT(studio.snapshot().midiMessages, before);

    late.reset(); // unplugged: its port is closed, the others stay
    EXPECT_TRUE(waitUntil([&] { return !panel.openedPorts().contains(lateName); }, 5000));
    EXPECT_EQ(panel.openedPorts(), QStringList{"Govox (virtual)"});
    EXPECT_EQ(early.connections(), std::vector<std::string>{"Govox:Govox"});
    EXPECT_EQ(panel.errorText(), "");
}

TEST_F(MidiPanelJackTest, SaysTheServerStoppedAndReopensWhenItIsBack) {
    Studio studio{StudioPaths{}};
    MidiPanel panel(studio);
    panel.setApi(midi::MidiApi::Jack);
    panel.setFollowNewPorts(false); // it must come back without following
    ASSERT_EQ(panel.openedPorts(), QStringList{"Govox (virtual)"});

    server_->kill();
    EXPECT_TRUE(waitUntil([&] { return panel.statusText().contains("the server stopped"); }, 5000))
        << panel.statusText().toStdString();
    EXPECT_TRUE(panel.openedPorts().isEmpty()) << "closed at once, before a new server can start";

    ASSERT_EQ(server_->restart(), "");
    EXPECT_TRUE(
        waitUntil([&] { return panel.openedPorts() == QStringList{"Govox (virtual)"}; }, 5000))
        << panel.statusText().toStdString();
    EXPECT_EQ(panel.errorText(), "");
    JackMidiSource keys("govox-keys-after");
    ASSERT_EQ(keys.error(), "");
    ASSERT_EQ(keys.connectTo("Govox:Govox"), "");
    EXPECT_TRUE(waitUntil([&] { return keys.sendNoteOn(60, 100), panel.activityLit(); }, 5000))
        << "notes arrive on the new server";
}

TEST_F(MidiPanelJackTest, Screenshot) {
    JackMidiSource keyboard("Keystation 49");
    ASSERT_EQ(keyboard.error(), "");
    Studio studio{StudioPaths{}};
    QWidget frame;
    auto* layout = new QVBoxLayout(&frame);
    auto* panel = new MidiPanel(studio, &frame);
    auto* keys = new KeyboardWidget(&frame);
    layout->addWidget(panel);
    layout->addWidget(keys);
    panel->setApi(midi::MidiApi::Jack);
    for (int note : {48, 55, 60, 64, 67, 70}) keys->setNoteHeld(note, true);
    keys->setMarkedRange(60, 77); // where the computer keyboard plays
    frame.resize(900, 150);
    frame.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&frame));
    panel->setMessageCount(studio.snapshot().midiMessages + 1); // the light, lit
    ASSERT_TRUE(frame.grab().save(GOVOX_SCREENSHOT_DIR "/ui_keyboard.png"));
}

} // namespace
} // namespace govox::ui
