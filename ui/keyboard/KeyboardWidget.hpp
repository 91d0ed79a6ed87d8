// KeyboardWidget.hpp - an on-screen piano to play the voice with the mouse.
//
// Aims
// - Plays like a real keyboard: where a key is struck sets the velocity (the front edge
//   is loud, the back is soft, 20..127), and dragging across keys glides from note to
//   note, releasing the old one before striking the new one.
// - Shows every sounding note, not only its own: MIDI and the computer keyboard light
//   keys through setNoteHeld().
// - Note names follow scientific pitch: MIDI note 60 is C4.
//
// Threads: UI thread only.
#pragma once

#include <QWidget>

#include <bitset>
#include <vector>

namespace govox::ui {

class KeyboardWidget final : public QWidget {
    Q_OBJECT

public:
    static constexpr int kMinVelocity = 20;
    static constexpr int kMaxVelocity = 127;

    explicit KeyboardWidget(QWidget* parent = nullptr);

    // The keys shown, C2..C7 by default. Both ends are moved outwards onto white keys,
    // so that the keyboard never starts or ends on half a black key.
    void setRange(int lowest, int highest);
    int lowest() const { return lowest_; }
    int highest() const { return highest_; }

    // Lights or darkens a key for a note played elsewhere (MIDI, computer keyboard).
    void setNoteHeld(int note, bool held);
    void clearHeld();                            // every key dark, the mouse's note released
    bool isNoteHeld(int note) const;             // held from outside or by the mouse
    int mouseNote() const { return mouseNote_; } // -1 when the mouse plays nothing

    // Marks the notes the computer keyboard reaches with a bar along the top edge, so
    // its octave shift can be seen; first > last hides the bar.
    void setMarkedRange(int first, int last);

    // Where a key is drawn; empty for a note outside the range. A white key's rectangle
    // includes the part the black keys cover.
    QRectF keyRect(int note) const;
    // The note under a point (black keys first, as they lie on top), or -1.
    int noteAt(QPointF pos) const;
    // The velocity a strike at `pos` on `note`'s key gives.
    int velocityAt(int note, QPointF pos) const;

    static bool isBlack(int note);
    static QString noteName(int note); // "C4", "F#2"

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void noteOn(int note, int velocity);
    void noteOff(int note);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    double whiteWidth() const;
    int whiteIndex(int note) const; // of the white key at or just below `note`
    void playMouseNote(int note, QPointF pos);
    void releaseMouseNote();
    void paintKey(QPainter& painter, int note) const;

    int lowest_ = 36;  // C2
    int highest_ = 96; // C7
    std::vector<int> whiteNotes_;
    std::bitset<128> held_;
    int mouseNote_ = -1;
    int markFirst_ = 0;
    int markLast_ = -1;
    bool dragging_ = false;
};

} // namespace govox::ui
