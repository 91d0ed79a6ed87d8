#include "ui/keyboard/ComputerKeyboard.hpp"

#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

#include <algorithm>
#include <array>
#include <utility>

namespace govox::ui {
namespace {

constexpr int kMinOctave = -1;
constexpr int kMaxOctave = 8; // A at C8 (108): the top key, ' (F), plays 125
constexpr std::array<int, 8> kVelocitySteps = {1, 20, 40, 60, 80, 100, 120, 127};

// True while the focus is somewhere the user types text, which must get the keys. Read-
// only text (a log, the build console) does not count: playing from there is fine.
bool typingInTextField() {
    QWidget* w = QApplication::focusWidget();
    if (!w) return false;
    if (auto* line = qobject_cast<QLineEdit*>(w)) return !line->isReadOnly();
    if (auto* text = qobject_cast<QTextEdit*>(w)) return !text->isReadOnly();
    if (auto* plain = qobject_cast<QPlainTextEdit*>(w)) return !plain->isReadOnly();
    if (auto* combo = qobject_cast<QComboBox*>(w)) return combo->isEditable();
    return qobject_cast<QAbstractSpinBox*>(w) != nullptr;
}

bool isCommand(int key) {
    return key == Qt::Key_Z || key == Qt::Key_X || key == Qt::Key_C || key == Qt::Key_V;
}

} // namespace

ComputerKeyboard::ComputerKeyboard(QWidget* window, QObject* parent)
    : QObject(parent), window_(window) {
    QApplication::instance()->installEventFilter(this);
}

int ComputerKeyboard::semitoneFor(int key) {
    switch (key) {
    case Qt::Key_A: return 0; // C
    case Qt::Key_W: return 1;
    case Qt::Key_S: return 2; // D
    case Qt::Key_E: return 3;
    case Qt::Key_D: return 4; // E
    case Qt::Key_F: return 5; // F
    case Qt::Key_T: return 6;
    case Qt::Key_G: return 7; // G
    case Qt::Key_Y: return 8;
    case Qt::Key_H: return 9; // A
    case Qt::Key_U: return 10;
    case Qt::Key_J: return 11; // B
    case Qt::Key_K: return 12; // C
    case Qt::Key_O: return 13;
    case Qt::Key_L: return 14; // D
    case Qt::Key_P: return 15;
    case Qt::Key_Semicolon: return 16;  // E
    case Qt::Key_Apostrophe: return 17; // F
    default: return -1;
    }
}

void ComputerKeyboard::setEnabled(bool enabled) {
    enabled_ = enabled;
    if (!enabled) releaseAll();
}

void ComputerKeyboard::setOctave(int octave) {
    octave = std::clamp(octave, kMinOctave, kMaxOctave);
    if (octave == octave_) return;
    octave_ = octave;
    emit octaveChanged(octave_);
}

void ComputerKeyboard::setVelocity(int velocity) {
    velocity = std::clamp(velocity, 1, 127);
    if (velocity == velocity_) return;
    velocity_ = velocity;
    emit velocityChanged(velocity_);
}

void ComputerKeyboard::releaseAll() {
    const std::map<int, int> held = std::exchange(held_, {});
    for (const auto& [key, note] : held) emit noteOff(note);
}

std::vector<int> ComputerKeyboard::heldNotes() const {
    std::vector<int> notes;
    for (const auto& [key, note] : held_) notes.push_back(note);
    return notes;
}

bool ComputerKeyboard::eventFilter(QObject* watched, QEvent* event) {
    switch (event->type()) {
    case QEvent::ShortcutOverride: // claim our keys before a plain-letter shortcut fires
        if (!inWindow(watched) || !wantsKey(static_cast<QKeyEvent&>(*event))) return false;
        event->accept();
        return true;
    case QEvent::KeyPress: return inWindow(watched) && press(static_cast<QKeyEvent&>(*event));
    case QEvent::KeyRelease: // wherever the focus went since the press
        return release(static_cast<QKeyEvent&>(*event));
    case QEvent::WindowDeactivate:
    case QEvent::Hide:
        if (watched == window_) releaseAll(); // its key releases would go elsewhere
        return false;
    default: return false;
    }
}

bool ComputerKeyboard::inWindow(QObject* watched) const {
    auto* widget = qobject_cast<QWidget*>(watched);
    return window_ && widget && widget->window() == window_;
}

bool ComputerKeyboard::wantsKey(const QKeyEvent& event) const {
    if (!enabled_ ||
        (event.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)))
        return false; // shortcuts keep working
    const int key = event.key();
    return (semitoneFor(key) >= 0 || isCommand(key)) && !typingInTextField();
}

bool ComputerKeyboard::press(const QKeyEvent& event) {
    if (!wantsKey(event)) return false;
    const int key = event.key();
    if (event.isAutoRepeat() || held_.count(key))
        return true; // swallowed, so nothing else types it
    if (isCommand(key)) return command(key);
    const int note = baseNote() + semitoneFor(key);
    if (note > 127) return true;
    held_[key] = note;
    emit noteOn(note, velocity_);
    return true;
}

bool ComputerKeyboard::release(const QKeyEvent& event) {
    const auto it = held_.find(event.key());
    if (it == held_.end()) return false;
    if (event.isAutoRepeat()) return true; // X11 repeats as release+press pairs
    const int note = it->second;
    held_.erase(it);
    emit noteOff(note);
    return true;
}

bool ComputerKeyboard::command(int key) {
    if (key == Qt::Key_Z) setOctave(octave_ - 1);
    if (key == Qt::Key_X) setOctave(octave_ + 1);
    if (key == Qt::Key_C) {
        const auto lower = std::find_if(kVelocitySteps.rbegin(), kVelocitySteps.rend(),
                                        [&](int v) { return v < velocity_; });
        setVelocity(lower != kVelocitySteps.rend() ? *lower : kVelocitySteps.front());
    }
    if (key == Qt::Key_V) {
        const auto higher = std::find_if(kVelocitySteps.begin(), kVelocitySteps.end(),
                                         [&](int v) { return v > velocity_; });
        setVelocity(higher != kVelocitySteps.end() ? *higher : kVelocitySteps.back());
    }
    return true;
}

} // namespace govox::ui
