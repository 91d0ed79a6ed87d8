#include "ui/keyboard/KeyboardWidget.hpp"

#include <QLinearGradient>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace govox::ui {
namespace {

constexpr double kBlackWidth = 0.6;   // of a white key's width
constexpr double kBlackLength = 0.62; // of the keyboard's height
constexpr double kCorner = 3.0;

// How far each black key sits off the line between its white neighbours, in black-key
// widths: on a real piano the groups of two and three spread apart, and the eye
// notices a keyboard that centres them all.
double blackOffset(int pitchClass) {
    switch (pitchClass) {
    case 1: return -0.15; // C#
    case 3: return 0.15;  // D#
    case 6: return -0.2;  // F#
    case 10: return 0.2;  // A#
    default: return 0.0;  // G#
    }
}

} // namespace

KeyboardWidget::KeyboardWidget(QWidget* parent) : QWidget(parent) {
    setFocusPolicy(Qt::NoFocus); // the computer keyboard keeps playing while this is clicked
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setToolTip(tr("Click to play: the front of a key is loud, the back soft; drag to glide"));
    setRange(lowest_, highest_);
}

bool KeyboardWidget::isBlack(int note) {
    const int pc = ((note % 12) + 12) % 12;
    return pc == 1 || pc == 3 || pc == 6 || pc == 8 || pc == 10;
}

QString KeyboardWidget::noteName(int note) {
    static const std::array<const char*, 12> names = {"C",  "C#", "D",  "D#", "E",  "F",
                                                      "F#", "G",  "G#", "A",  "A#", "B"};
    return QString::fromLatin1(names[static_cast<std::size_t>(note % 12)]) +
           QString::number(note / 12 - 1);
}

void KeyboardWidget::setRange(int lowest, int highest) {
    lowest = std::clamp(lowest, 0, 126);
    highest = std::clamp(highest, lowest + 1, 127);
    if (isBlack(lowest)) --lowest;
    if (isBlack(highest)) ++highest; // 127 (G9) is white, so this stays in range
    if (lowest != lowest_ || highest != highest_) releaseMouseNote();
    lowest_ = lowest;
    highest_ = highest;
    whiteNotes_.clear();
    for (int n = lowest_; n <= highest_; ++n)
        if (!isBlack(n)) whiteNotes_.push_back(n);
    updateGeometry();
    update();
}

void KeyboardWidget::setNoteHeld(int note, bool held) {
    if (note < 0 || note > 127 || held_.test(static_cast<std::size_t>(note)) == held) return;
    held_.set(static_cast<std::size_t>(note), held);
    update();
}

void KeyboardWidget::clearHeld() {
    held_.reset();
    releaseMouseNote();
    update();
}

bool KeyboardWidget::isNoteHeld(int note) const {
    return note == mouseNote_ ||
           (note >= 0 && note <= 127 && held_.test(static_cast<std::size_t>(note)));
}

void KeyboardWidget::setMarkedRange(int first, int last) {
    markFirst_ = first;
    markLast_ = last;
    update();
}

double KeyboardWidget::whiteWidth() const {
    return double(width()) / double(whiteNotes_.size());
}

int KeyboardWidget::whiteIndex(int note) const {
    return int(std::upper_bound(whiteNotes_.begin(), whiteNotes_.end(), note) -
               whiteNotes_.begin()) -
           1;
}

QRectF KeyboardWidget::keyRect(int note) const {
    if (note < lowest_ || note > highest_) return {};
    const double ww = whiteWidth();
    const int i = whiteIndex(note);
    if (!isBlack(note)) return {i * ww, 0.0, ww, double(height())};
    const double bw = ww * kBlackWidth;
    const double centre = (i + 1) * ww + blackOffset(note % 12) * bw;
    return {centre - bw / 2, 0.0, bw, height() * kBlackLength};
}

int KeyboardWidget::noteAt(QPointF pos) const {
    if (!QRectF(rect()).contains(pos)) return -1;
    const int i = std::clamp(int(pos.x() / whiteWidth()), 0, int(whiteNotes_.size()) - 1);
    const int white = whiteNotes_[static_cast<std::size_t>(i)];
    for (int black : {white - 1, white + 1})
        if (isBlack(black) && keyRect(black).contains(pos)) return black;
    return white;
}

int KeyboardWidget::velocityAt(int note, QPointF pos) const {
    const QRectF r = keyRect(note);
    if (r.isEmpty()) return kMinVelocity;
    const double depth = std::clamp((pos.y() - r.top()) / r.height(), 0.0, 1.0);
    return int(std::lround(kMinVelocity + depth * (kMaxVelocity - kMinVelocity)));
}

void KeyboardWidget::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    dragging_ = true;
    releaseMouseNote();
    if (const int note = noteAt(event->position()); note >= 0)
        playMouseNote(note, event->position());
}

void KeyboardWidget::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_) return;
    const int note = noteAt(event->position());
    if (note == mouseNote_) return;
    releaseMouseNote(); // the old note stops before the new one starts, as on a piano
    if (note >= 0) playMouseNote(note, event->position());
}

void KeyboardWidget::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mouseReleaseEvent(event);
    dragging_ = false;
    releaseMouseNote();
}

void KeyboardWidget::hideEvent(QHideEvent* event) {
    dragging_ = false; // a hidden keyboard gets no release: do not leave a note hanging
    releaseMouseNote();
    QWidget::hideEvent(event);
}

void KeyboardWidget::playMouseNote(int note, QPointF pos) {
    mouseNote_ = note;
    emit noteOn(note, velocityAt(note, pos));
    update();
}

void KeyboardWidget::releaseMouseNote() {
    if (mouseNote_ < 0) return;
    const int note = mouseNote_;
    mouseNote_ = -1;
    emit noteOff(note);
    update();
}

QSize KeyboardWidget::sizeHint() const {
    return {700, 90};
}

QSize KeyboardWidget::minimumSizeHint() const {
    return {int(whiteNotes_.size()) * 7, 48};
}

void KeyboardWidget::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), QColor(0x1c, 0x1c, 0x1e)); // shows through the gaps between keys
    for (int note : whiteNotes_) paintKey(p, note);
    for (int note = lowest_; note <= highest_; ++note)
        if (isBlack(note)) paintKey(p, note);
    // The shadow of the key bed's lip, so that keys read as going in under it.
    QLinearGradient shadow(0, 0, 0, 7);
    shadow.setColorAt(0, QColor(0, 0, 0, 150));
    shadow.setColorAt(1, QColor(0, 0, 0, 0));
    p.fillRect(QRectF(0, 0, width(), 7), shadow);
    const int first = std::max(markFirst_, lowest_);
    const int last = std::min(markLast_, highest_);
    if (first <= last) {
        QColor mark = palette().color(QPalette::Highlight);
        mark.setAlpha(200);
        const QRectF bar(QPointF(keyRect(first).left() + 1, 0),
                         QPointF(keyRect(last).right() - 1, 3));
        p.fillRect(bar, mark);
    }
}

void KeyboardWidget::paintKey(QPainter& p, int note) const {
    const QColor accent = palette().color(QPalette::Highlight);
    const bool held = isNoteHeld(note);
    // Rounded corners at the front only: the top corners are drawn above the widget.
    if (!isBlack(note)) {
        const QRectF r = keyRect(note).adjusted(0.5, -kCorner - 1, -0.5, -1);
        QLinearGradient face(r.topLeft(), r.bottomLeft());
        face.setColorAt(0, held ? accent.lighter(150) : QColor(0xfb, 0xfb, 0xf9));
        face.setColorAt(0.88, held ? accent.lighter(115) : QColor(0xef, 0xef, 0xec));
        face.setColorAt(1, held ? accent : QColor(0xd2, 0xd2, 0xce));
        p.setPen(QPen(QColor(0, 0, 0, 110), 1));
        p.setBrush(face);
        p.drawRoundedRect(r, kCorner, kCorner);
        if (note % 12 == 0) {
            QFont font = p.font();
            font.setPixelSize(std::clamp(int(r.width() * 0.45), 7, 11));
            p.setFont(font);
            p.setPen(held ? QColor(Qt::white) : QColor(0x80, 0x80, 0x80));
            p.drawText(r.adjusted(0, 0, 0, -4), Qt::AlignHCenter | Qt::AlignBottom, noteName(note));
        }
        return;
    }
    const QRectF r = keyRect(note).adjusted(0, -kCorner - 1, 0, 0);
    p.setPen(QPen(QColor(0, 0, 0, 200), 1));
    p.setBrush(held ? accent.darker(160) : QColor(0x0e, 0x0e, 0x10));
    p.drawRoundedRect(r, kCorner - 1, kCorner - 1);
    // The key's top surface, shorter than its body: the band left below is its front face.
    const double bevel = std::max(2.0, r.width() * 0.14);
    const QRectF top = r.adjusted(bevel * 0.6, 0, -bevel * 0.6, -bevel * 1.6);
    QLinearGradient surface(top.topLeft(), top.bottomLeft());
    surface.setColorAt(0, held ? accent.darker(130) : QColor(0x26, 0x26, 0x29));
    surface.setColorAt(1, held ? accent.darker(105) : QColor(0x3e, 0x3e, 0x43));
    p.setPen(Qt::NoPen);
    p.setBrush(surface);
    p.drawRoundedRect(top, 1.5, 1.5);
}

} // namespace govox::ui
