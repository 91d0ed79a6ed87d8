// The on-screen piano: velocity from where a key is struck, gliding, black keys on top,
// highlighting of notes held from anywhere.
#include "tests/support/qt/QtTestApp.hpp"
#include "ui/keyboard/KeyboardWidget.hpp"

#include <QImage>
#include <QMouseEvent>
#include <QTest>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace govox::ui {
namespace {

constexpr int kC4 = 60;

class KeyboardWidgetTest : public ::testing::Test {
protected:
    void SetUp() override {
        keys.resize(700, 90);
        keys.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&keys));
        QObject::connect(&keys, &KeyboardWidget::noteOn, [this](int n, int v) {
            events.push_back("on " + std::to_string(n));
            velocities.push_back(v);
        });
        QObject::connect(&keys, &KeyboardWidget::noteOff,
                         [this](int n) { events.push_back("off " + std::to_string(n)); });
    }

    // The front (loud) and back (soft) of a key, away from the black keys beside it.
    QPoint front(int note) const {
        const QRectF r = keys.keyRect(note);
        return QPointF(r.left() + r.width() * 0.3, r.bottom() - 1).toPoint();
    }
    QPoint back(int note) const {
        const QRectF r = keys.keyRect(note);
        return QPointF(r.left() + r.width() * 0.3, r.top() + 1).toPoint();
    }
    // QTest::mouseMove moves the cursor rather than sending a drag to a widget: send one.
    void drag(QPoint to) {
        QMouseEvent move(QEvent::MouseMove, to, keys.mapToGlobal(to), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QApplication::sendEvent(&keys, &move);
    }
    QColor pixel(QPoint at) { return keys.grab().toImage().pixelColor(at); }

    KeyboardWidget keys;
    std::vector<std::string> events;
    std::vector<int> velocities;
};

TEST_F(KeyboardWidgetTest, ShowsC2ToC7ByDefault) {
    EXPECT_EQ(keys.lowest(), 36);
    EXPECT_EQ(keys.highest(), 96);
    EXPECT_TRUE(keys.keyRect(35).isEmpty());
    EXPECT_TRUE(keys.keyRect(97).isEmpty());
    EXPECT_NEAR(keys.keyRect(96).right(), 700, 0.01); // 36 white keys fill the width
    EXPECT_EQ(KeyboardWidget::noteName(kC4), "C4");
    EXPECT_EQ(KeyboardWidget::noteName(37), "C#2");
    EXPECT_EQ(keys.sizeHint(), QSize(700, 90));
}

TEST_F(KeyboardWidgetTest, RangeEndsAreMovedOntoWhiteKeys) {
    keys.setRange(37, 94); // C#2 .. A#6
    EXPECT_EQ(keys.lowest(), 36);
    EXPECT_EQ(keys.highest(), 95);
    keys.setRange(48, 72);
    EXPECT_NEAR(keys.keyRect(48).left(), 0, 0.01);
    EXPECT_NEAR(keys.keyRect(72).right(), 700, 0.01);
}

TEST_F(KeyboardWidgetTest, StrikingTheFrontOfAKeyIsLoudAndTheBackSoft) {
    QTest::mousePress(&keys, Qt::LeftButton, {}, front(kC4));
    QTest::mouseRelease(&keys, Qt::LeftButton, {}, front(kC4));
    QTest::mousePress(&keys, Qt::LeftButton, {}, back(kC4));
    QTest::mouseRelease(&keys, Qt::LeftButton, {}, back(kC4));
    ASSERT_EQ(events, (std::vector<std::string>{"on 60", "off 60", "on 60", "off 60"}));
    EXPECT_GE(velocities[0], 120);
    EXPECT_LE(velocities[1], 25);
    EXPECT_GE(velocities[1], KeyboardWidget::kMinVelocity);

    // A black key's scale runs along its own, shorter length.
    const QRectF black = keys.keyRect(61);
    QTest::mousePress(&keys, Qt::LeftButton, {},
                      QPointF(black.center().x(), black.bottom() - 1).toPoint());
    QTest::mouseRelease(&keys, Qt::LeftButton);
    EXPECT_EQ(events[4], "on 61");
    EXPECT_GE(velocities[2], 120);
}

TEST_F(KeyboardWidgetTest, DraggingAcrossKeysGlidesFromNoteToNote) {
    QTest::mousePress(&keys, Qt::LeftButton, {}, front(kC4));
    drag(front(kC4) + QPoint(2, 0)); // the same key: nothing new
    drag(front(62));
    drag(front(64));
    drag(QPoint(front(64).x(), 200)); // off the keyboard: silence
    drag(front(65));                  // and back on, button still down
    QTest::mouseRelease(&keys, Qt::LeftButton, {}, front(65));
    EXPECT_EQ(events, (std::vector<std::string>{"on 60", "off 60", "on 62", "off 62", "on 64",
                                                "off 64", "on 65", "off 65"}));
    EXPECT_EQ(keys.mouseNote(), -1);
}

TEST_F(KeyboardWidgetTest, MovingWithoutAButtonPlaysNothing) {
    drag(front(kC4));
    QTest::mousePress(&keys, Qt::RightButton, {}, front(kC4));
    EXPECT_TRUE(events.empty());
}

TEST_F(KeyboardWidgetTest, BlackKeysLieOnTopOfTheWhiteKeys) {
    for (int note = keys.lowest(); note <= keys.highest(); ++note) {
        if (!KeyboardWidget::isBlack(note)) continue;
        const QRectF black = keys.keyRect(note);
        const QRectF below = keys.keyRect(note - 1);
        EXPECT_LT(black.width(), below.width());
        EXPECT_LT(black.height(), below.height());
        EXPECT_GT(black.right(), below.right()) << "a black key straddles its neighbours' line";
        EXPECT_LT(black.left(), below.right());
        EXPECT_EQ(keys.noteAt(black.center()), note);
    }
    // Clicking a black key plays the sharp, not the white key under it.
    QTest::mousePress(&keys, Qt::LeftButton, {}, keys.keyRect(66).center().toPoint());
    QTest::mouseRelease(&keys, Qt::LeftButton);
    EXPECT_EQ(events, (std::vector<std::string>{"on 66", "off 66"}));
    // Below the black keys the white keys are whole again.
    const QRectF sharp = keys.keyRect(61);
    EXPECT_EQ(keys.noteAt(QPointF(sharp.left() + 1, sharp.bottom() + 5)), 60);
    EXPECT_EQ(keys.noteAt(QPointF(sharp.right() - 1, sharp.bottom() + 5)), 62);
}

TEST_F(KeyboardWidgetTest, HeldNotesLightUpWhereverTheyComeFrom) {
    const QPoint e4 = front(64) - QPoint(0, 12);
    const QPoint f4 = front(65) - QPoint(0, 12);
    const QColor dark = pixel(e4);
    keys.setNoteHeld(64, true); // as MIDI or the computer keyboard would
    EXPECT_TRUE(keys.isNoteHeld(64));
    EXPECT_NE(pixel(e4), dark);
    EXPECT_EQ(pixel(f4), dark);

    QTest::mousePress(&keys, Qt::LeftButton, {}, front(65));
    EXPECT_TRUE(keys.isNoteHeld(65));
    EXPECT_EQ(pixel(f4), pixel(e4));
    QTest::mouseRelease(&keys, Qt::LeftButton, {}, front(65));
    EXPECT_FALSE(keys.isNoteHeld(65));
    EXPECT_EQ(pixel(f4), dark);

    keys.setNoteHeld(64, false);
    EXPECT_FALSE(keys.isNoteHeld(64));
    EXPECT_EQ(pixel(e4), dark);
    EXPECT_TRUE(events.size() == 2) << "lighting keys from outside plays nothing";
}

TEST_F(KeyboardWidgetTest, MarksTheComputerKeyboardsReachAlongTheTop) {
    const auto top = [&](int note) { return QPoint(int(keys.keyRect(note).center().x()), 1); };
    const QColor plain = pixel(top(59));
    keys.setMarkedRange(60, 77);
    EXPECT_NE(pixel(top(60)), plain);
    EXPECT_NE(pixel(top(77)), plain);
    EXPECT_EQ(pixel(top(59)), plain);
    EXPECT_EQ(pixel(top(79)), plain);
    keys.setMarkedRange(0, -1);
    EXPECT_EQ(pixel(top(60)), plain);
}

TEST_F(KeyboardWidgetTest, HidingReleasesTheMouseNote) {
    QTest::mousePress(&keys, Qt::LeftButton, {}, front(kC4));
    keys.hide();
    EXPECT_EQ(events, (std::vector<std::string>{"on 60", "off 60"}));
}

} // namespace
} // namespace govox::ui
