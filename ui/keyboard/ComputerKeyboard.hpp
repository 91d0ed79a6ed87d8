// ComputerKeyboard.hpp - plays notes from the computer keyboard, in the layout most DAWs
// use (Ableton Live's): the home row A S D F G H J K L ; ' is the white keys from C, the
// row above (W E T Y U O P) the black keys; Z / X shift an octave down / up and C / V
// lower / raise the velocity.
//
// Aims
// - Never a stuck note: a key's note-off is the note its press started, even after an
//   octave shift, and every note is released when the window loses focus or hides.
// - Never steals typing: while a text field, spin box or editable combo box has the
//   focus, keys go to it.
// - Key repeat is ignored, as a held key is a held note.
//
// It filters the whole application's events, not only the window's: a focused child
// (a list, a button) would otherwise take the letters before the window saw them. Only
// keys typed into `window` are played. Keys are matched by Qt key code, that is by the
// letters printed on a QWERTY layout.
//
// Threads: UI thread only; needs a QApplication.
#pragma once

#include <QObject>
#include <QPointer>
#include <QWidget>

#include <map>
#include <vector>

class QKeyEvent;

namespace govox::ui {

class ComputerKeyboard final : public QObject {
    Q_OBJECT

public:
    explicit ComputerKeyboard(QWidget* window, QObject* parent = nullptr);

    // Off: keys pass through untouched and held notes are released.
    void setEnabled(bool enabled);
    bool isEnabled() const { return enabled_; }

    // The octave the A key plays in (scientific pitch: 4 makes A play C4, MIDI note 60).
    // Kept within -1..8 so that the home row stays within MIDI's range.
    void setOctave(int octave);
    int octave() const { return octave_; }
    int baseNote() const { return 12 * (octave_ + 1); } // what A plays
    // Velocity of the notes played, 1..127; C / V step through 1, 20, 40 ... 120, 127.
    void setVelocity(int velocity);
    int velocity() const { return velocity_; }

    void releaseAll();
    std::vector<int> heldNotes() const;

    // Semitones above baseNote() that a Qt key plays, or -1 for a key that plays none.
    static int semitoneFor(int qtKey);

signals:
    void noteOn(int note, int velocity);
    void noteOff(int note);
    void octaveChanged(int octave);
    void velocityChanged(int velocity);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool inWindow(QObject* watched) const;
    bool wantsKey(const QKeyEvent& event) const;
    bool press(const QKeyEvent& event);
    bool release(const QKeyEvent& event);
    bool command(int qtKey);

    QPointer<QWidget> window_;
    bool enabled_ = true;
    int octave_ = 4;
    int velocity_ = 100;
    std::map<int, int> held_; // Qt key -> the note its press started
};

} // namespace govox::ui
