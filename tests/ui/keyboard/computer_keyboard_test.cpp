// Playing from the computer keyboard: the layout, octave and velocity keys, and the cases
// that would leave a note stuck or steal the user's typing.
#include "tests/support/qt/QtTestApp.hpp"
#include "ui/keyboard/ComputerKeyboard.hpp"

#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QTest>
#include <QVBoxLayout>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace govox::ui {
namespace {

class ComputerKeyboardTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto* layout = new QVBoxLayout(&window);
        text = new QLineEdit(&window);
        layout->addWidget(text);
        window.setFocusPolicy(Qt::StrongFocus);
        window.show();
        window.activateWindow();
        ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
        window.setFocus(); // not the text field, which would get the keys
        QObject::connect(&keys, &ComputerKeyboard::noteOn, [this](int n, int v) {
            events.push_back("on " + std::to_string(n) + " " + std::to_string(v));
        });
        QObject::connect(&keys, &ComputerKeyboard::noteOff,
                         [this](int n) { events.push_back("off " + std::to_string(n)); });
    }

    // Key events as the window system sends them, to the window itself.
    void send(QEvent::Type type, int key, bool autoRepeat = false, QWidget* to = nullptr) {
        QKeyEvent event(type, key, Qt::NoModifier, QString(), autoRepeat);
        QApplication::sendEvent(to ? to : &window, &event);
    }
    void tap(int key) {
        QTest::keyPress(&window, Qt::Key(key));
        QTest::keyRelease(&window, Qt::Key(key));
    }

    QWidget window;
    QLineEdit* text = nullptr;
    ComputerKeyboard keys{&window};
    std::vector<std::string> events;
};

TEST_F(ComputerKeyboardTest, APlaysC4ByDefault) {
    EXPECT_EQ(keys.octave(), 4);
    EXPECT_EQ(keys.baseNote(), 60);
    tap(Qt::Key_A);
    EXPECT_EQ(events, (std::vector<std::string>{"on 60 100", "off 60"}));
}

TEST_F(ComputerKeyboardTest, HomeRowIsWhiteKeysAndTheRowAboveBlackKeys) {
    const std::vector<int> keysInOrder = {
        Qt::Key_A, Qt::Key_W, Qt::Key_S, Qt::Key_E, Qt::Key_D,         Qt::Key_F,
        Qt::Key_T, Qt::Key_G, Qt::Key_Y, Qt::Key_H, Qt::Key_U,         Qt::Key_J,
        Qt::Key_K, Qt::Key_O, Qt::Key_L, Qt::Key_P, Qt::Key_Semicolon, Qt::Key_Apostrophe};
    for (std::size_t i = 0; i < keysInOrder.size(); ++i)
        EXPECT_EQ(ComputerKeyboard::semitoneFor(keysInOrder[i]), int(i));
    EXPECT_EQ(ComputerKeyboard::semitoneFor(Qt::Key_Q), -1);
    tap(Qt::Key_K);
    EXPECT_EQ(events.front(), "on 72 100");
}

TEST_F(ComputerKeyboardTest, ZAndXShiftOctaves) {
    std::vector<int> octaves;
    QObject::connect(&keys, &ComputerKeyboard::octaveChanged, [&](int o) { octaves.push_back(o); });
    tap(Qt::Key_Z);
    tap(Qt::Key_A);
    tap(Qt::Key_X);
    tap(Qt::Key_X);
    tap(Qt::Key_A);
    EXPECT_EQ(octaves, (std::vector<int>{3, 4, 5}));
    EXPECT_EQ(events, (std::vector<std::string>{"on 48 100", "off 48", "on 72 100", "off 72"}));
    for (int i = 0; i < 20; ++i) tap(Qt::Key_X);
    EXPECT_EQ(keys.octave(), 8);
    for (int i = 0; i < 20; ++i) tap(Qt::Key_Z);
    EXPECT_EQ(keys.octave(), -1);
}

TEST_F(ComputerKeyboardTest, CAndVStepTheVelocity) {
    std::vector<int> velocities;
    QObject::connect(&keys, &ComputerKeyboard::velocityChanged,
                     [&](int v) { velocities.push_back(v); });
    tap(Qt::Key_V);
    tap(Qt::Key_V);
    tap(Qt::Key_V); // already at the top
    tap(Qt::Key_C);
    tap(Qt::Key_A);
    EXPECT_EQ(velocities, (std::vector<int>{120, 127, 120}));
    EXPECT_EQ(events.front(), "on 60 120");
}

TEST_F(ComputerKeyboardTest, AKeyReleasedAfterAnOctaveShiftStopsTheNoteItStarted) {
    QTest::keyPress(&window, Qt::Key_A);
    tap(Qt::Key_X);
    QTest::keyRelease(&window, Qt::Key_A);
    EXPECT_EQ(events, (std::vector<std::string>{"on 60 100", "off 60"}));
}

TEST_F(ComputerKeyboardTest, KeyRepeatIsIgnored) {
    send(QEvent::KeyPress, Qt::Key_A);
    for (int i = 0; i < 3; ++i) { // X11 repeats a held key as release + press pairs
        send(QEvent::KeyRelease, Qt::Key_A, true);
        send(QEvent::KeyPress, Qt::Key_A, true);
    }
    EXPECT_EQ(events, (std::vector<std::string>{"on 60 100"}));
    send(QEvent::KeyRelease, Qt::Key_A);
    EXPECT_EQ(events.back(), "off 60");
    send(QEvent::KeyPress, Qt::Key_X, true);
    EXPECT_EQ(keys.octave(), 4) << "a repeated X does not race up the octaves";
}

TEST_F(ComputerKeyboardTest, LosingFocusReleasesEveryNote) {
    send(QEvent::KeyPress, Qt::Key_A);
    send(QEvent::KeyPress, Qt::Key_D);
    QEvent deactivate(QEvent::WindowDeactivate);
    QApplication::sendEvent(&window, &deactivate);
    EXPECT_EQ(events, (std::vector<std::string>{"on 60 100", "on 64 100", "off 60", "off 64"}));
    EXPECT_TRUE(keys.heldNotes().empty());
    send(QEvent::KeyRelease, Qt::Key_A); // the late release finds nothing to stop
    EXPECT_EQ(events.size(), 4u);
}

TEST_F(ComputerKeyboardTest, TypingIntoATextFieldPlaysNothing) {
    text->setFocus();
    ASSERT_EQ(QApplication::focusWidget(), text);
    QTest::keyClicks(text, "asdf");
    EXPECT_EQ(text->text(), "asdf");
    EXPECT_TRUE(events.empty());
    text->setReadOnly(true); // read-only text is not typing: play from there
    QTest::keyClick(text, Qt::Key_A);
    EXPECT_EQ(events, (std::vector<std::string>{"on 60 100", "off 60"}));
}

TEST_F(ComputerKeyboardTest, ANoteHeldWhileTheFocusMovesToATextFieldStillStops) {
    send(QEvent::KeyPress, Qt::Key_A);
    text->setFocus();
    send(QEvent::KeyRelease, Qt::Key_A, false, text);
    EXPECT_EQ(events, (std::vector<std::string>{"on 60 100", "off 60"}));
}

TEST_F(ComputerKeyboardTest, ShortcutsAndOtherWindowsAreLeftAlone) {
    QTest::keyClick(&window, Qt::Key_A, Qt::ControlModifier);
    QWidget other;
    other.show();
    QTest::keyClick(&other, Qt::Key_A);
    EXPECT_TRUE(events.empty());
}

TEST_F(ComputerKeyboardTest, DisablingReleasesHeldNotesAndPassesKeysOn) {
    send(QEvent::KeyPress, Qt::Key_A);
    keys.setEnabled(false);
    tap(Qt::Key_S);
    EXPECT_EQ(events, (std::vector<std::string>{"on 60 100", "off 60"}));
}

} // namespace
} // namespace govox::ui
