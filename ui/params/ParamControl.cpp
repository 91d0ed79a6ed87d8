#include "ui/params/ParamControl.hpp"

#include <QAction>
#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace govox::params {
namespace {

constexpr int kWidth = 96; // every control the same width, so a grid lines up
constexpr int kKnob = 56;  // the knob's diameter, ring included
constexpr int kMargin = 4;
constexpr int kBurstPauseMs = 450; // wheel notches or key presses closer than this are one gesture
constexpr double kStartDeg = 225;  // the ring runs clockwise from 7:30 ...
constexpr double kSweepDeg = 270;  // ... to 4:30

const QColor kLearning(0xf0, 0x8c, 0x00); // the colour the app uses for "attention"

QString curveName(ui::CurveKind kind) {
    switch (kind) {
    case ui::CurveKind::Linear: return ParamControl::tr("linear");
    case ui::CurveKind::Exponential: return ParamControl::tr("exponential");
    case ui::CurveKind::Decibel: return ParamControl::tr("decibel");
    case ui::CurveKind::Stepped: return ParamControl::tr("stepped");
    }
    return {};
}

QFont smallFont(const QFont& base) {
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * 0.85);
    return f;
}

} // namespace

ParamControl::ParamControl(const host::ParamInfo& info, QWidget* parent)
    : QWidget(parent), info_(info), curve_(info), name_(QString::fromStdString(info.name)) {
    setObjectName("param:" + name_);
    setAccessibleName(name_);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::SizeVerCursor);
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    burstEnd_.setSingleShot(true);
    burstEnd_.setInterval(kBurstPauseMs);
    connect(&burstEnd_, &QTimer::timeout, this, &ParamControl::gestureEnded);

    // The context menu's actions are children, so tests (and shortcuts) can reach them.
    auto* learn = new QAction(this);
    learn->setObjectName("midiLearn");
    connect(learn, &QAction::triggered, this, [this] {
        if (learning_)
            emit midiLearnCancelled();
        else
            emit midiLearnRequested();
    });
    auto* clear = new QAction(this);
    clear->setObjectName("clearMidiMapping");
    connect(clear, &QAction::triggered, this, &ParamControl::midiMappingClearRequested);
    auto* reset = new QAction(this);
    reset->setObjectName("resetToDefault");
    connect(reset, &QAction::triggered, this, &ParamControl::resetToDefault);

    setValue(info.defaultValue);
    updateToolTip();
}

void ParamControl::setValue(double value) {
    const double v = curve_.clamp(value);
    const double p = curve_.positionOf(v);
    if (v == value_ && p == position_) return;
    value_ = v;
    position_ = p;
    if (!dragging_) dragPosition_ = p;
    update();
}

void ParamControl::setLearning(bool learning) {
    if (learning_ == learning) return;
    learning_ = learning;
    updateToolTip();
    update();
}

void ParamControl::setMapping(const std::optional<presets::MidiMapping>& mapping) {
    if (mapping_ == mapping) return;
    mapping_ = mapping;
    updateToolTip();
    update();
}

QString ParamControl::mappingText() const {
    if (learning_) return tr("Learning…");
    if (!mapping_) return {};
    if (mapping_->channel < 0) return tr("CC %1").arg(mapping_->controller);
    return tr("CC %1 · ch %2").arg(mapping_->controller).arg(mapping_->channel + 1);
}

QSize ParamControl::sizeHint() const {
    const int line = fontMetrics().height();
    const int small = QFontMetrics(smallFont(font())).height();
    return {kWidth, kMargin + line + 2 + kKnob + 4 + line + 6 + 3 + small + kMargin};
}

QRect ParamControl::knobRect() const {
    const int top = kMargin + fontMetrics().height() + 2;
    return {(width() - kKnob) / 2, top, kKnob, kKnob};
}

void ParamControl::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette& pal = palette();
    const int line = fontMetrics().height();

    // The name, elided to the cell (the tooltip has it whole).
    QFont nameFont = font();
    nameFont.setWeight(QFont::DemiBold);
    p.setFont(nameFont);
    p.setPen(pal.color(QPalette::WindowText));
    const QRect nameRect(2, kMargin, width() - 4, line);
    const QString shownName =
        QFontMetrics(nameFont).elidedText(name_, Qt::ElideRight, nameRect.width());
    p.drawText(nameRect, Qt::AlignCenter, shownName);

    // The ring: the whole travel in a quiet tone, the value's part in the accent colour,
    // from zero for a range that spans it (a bipolar parameter), else from the left stop.
    const QRectF knob = knobRect();
    const QRectF ring = knob.adjusted(3, 3, -3, -3);
    const QColor accent = learning_ ? kLearning : pal.color(QPalette::Highlight);
    QPen track(pal.color(QPalette::Window).darker(135), 4, Qt::SolidLine, Qt::RoundCap);
    p.setPen(track);
    p.drawArc(ring, int(kStartDeg * 16), int(-kSweepDeg * 16));
    const bool bipolar =
        curve_.kind() == ui::CurveKind::Linear && curve_.min() < 0 && curve_.max() > 0;
    const double from = bipolar ? curve_.positionOf(0.0) : 0.0;
    QPen valuePen(accent, 4, Qt::SolidLine, Qt::RoundCap);
    p.setPen(valuePen);
    if (std::fabs(position_ - from) > 1e-4) // Qt's arcs: sixteenths of a degree, anticlockwise
        p.drawArc(ring, int((kStartDeg - kSweepDeg * from) * 16),
                  int(-kSweepDeg * (position_ - from) * 16));

    // The knob's body and its pointer.
    const QRectF body = ring.adjusted(7, 7, -7, -7);
    QLinearGradient shade(body.topLeft(), body.bottomLeft());
    shade.setColorAt(0, pal.color(QPalette::Button).lighter(112));
    shade.setColorAt(1, pal.color(QPalette::Button).darker(118));
    p.setPen(QPen(pal.color(QPalette::Dark), 1));
    p.setBrush(shade);
    p.drawEllipse(body);
    const double angle = (kStartDeg - kSweepDeg * position_) * M_PI / 180.0;
    const QPointF centre = body.center();
    const double r = body.width() / 2;
    const QPointF dir(std::cos(angle), -std::sin(angle));
    p.setPen(QPen(pal.color(QPalette::WindowText), 2.5, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(centre + dir * (r * 0.35), centre + dir * (r * 0.85));

    // The readout, in a display-like box; its border shows keyboard focus.
    const int readoutWidth = std::min(width() - 8, 86);
    const QRectF readout((width() - readoutWidth) / 2.0, knob.bottom() + 4, readoutWidth, line + 6);
    p.setPen(QPen(hasFocus() ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid), 1));
    p.setBrush(pal.color(QPalette::Base));
    p.drawRoundedRect(readout.adjusted(0.5, 0.5, -0.5, -0.5), 3, 3);
    p.setFont(font());
    p.setPen(pal.color(QPalette::Text));
    p.drawText(readout, Qt::AlignCenter,
               fontMetrics().elidedText(readoutText(), Qt::ElideRight, readoutWidth - 4));

    // The controller that moves it, or that it is listening for one.
    const QString mapped = mappingText();
    if (!mapped.isEmpty()) {
        QFont f = smallFont(font());
        if (learning_) f.setWeight(QFont::DemiBold);
        p.setFont(f);
        p.setPen(learning_ ? kLearning.darker(115) : pal.color(QPalette::PlaceholderText));
        const QRectF under(0, readout.bottom() + 3, width(), QFontMetrics(f).height());
        p.drawText(under, Qt::AlignCenter, mapped);
    }
}

void ParamControl::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    setFocus(Qt::MouseFocusReason);
    endBurst();
    dragging_ = true;
    lastPointer_ = event->position().toPoint();
    dragPosition_ = position_;
    emit gestureStarted();
}

void ParamControl::mouseMoveEvent(QMouseEvent* event) {
    if (!dragging_) return;
    const QPoint at = event->position().toPoint();
    const QPoint moved = at - lastPointer_;
    lastPointer_ = at;
    const bool fine = event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier);
    const double pixels = kTravelPixels * (fine ? kFineFactor : 1.0);
    dragPosition_ = std::clamp(dragPosition_ + (moved.x() - moved.y()) / pixels, 0.0, 1.0);
    editTo(dragPosition_);
}

void ParamControl::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !dragging_) return QWidget::mouseReleaseEvent(event);
    dragging_ = false;
    emit gestureEnded();
}

void ParamControl::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) resetToDefault();
}

void ParamControl::wheelEvent(QWheelEvent* event) {
    // Some systems turn Shift+wheel into a horizontal scroll: take whichever axis moved.
    const QPoint delta = event->angleDelta();
    const double notches = (delta.y() != 0 ? delta.y() : delta.x()) / 120.0;
    if (notches == 0) return;
    event->accept();
    if (curve_.kind() != ui::CurveKind::Stepped) return nudge(notches, event->modifiers());
    // A touchpad sends notches in small pieces: a stepped knob moves when they add up to one.
    wheelNotches_ += notches;
    const double whole = std::trunc(wheelNotches_);
    wheelNotches_ -= whole;
    if (whole != 0) nudge(whole, event->modifiers());
}

void ParamControl::keyPressEvent(QKeyEvent* event) {
    const Qt::KeyboardModifiers mods = event->modifiers();
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Right: nudge(1, mods); break;
    case Qt::Key_Down:
    case Qt::Key_Left: nudge(-1, mods); break;
    case Qt::Key_PageUp: nudge(10, mods); break;
    case Qt::Key_PageDown: nudge(-10, mods); break;
    case Qt::Key_Home: nudge(-1e9, {}); break;
    case Qt::Key_End: nudge(1e9, {}); break;
    case Qt::Key_Escape:
        if (!learning_) return QWidget::keyPressEvent(event);
        emit midiLearnCancelled();
        break;
    default: return QWidget::keyPressEvent(event);
    }
    event->accept();
}

void ParamControl::contextMenuEvent(QContextMenuEvent* event) {
    auto* learn = findChild<QAction*>("midiLearn");
    auto* clear = findChild<QAction*>("clearMidiMapping");
    auto* reset = findChild<QAction*>("resetToDefault");
    learn->setText(learning_ ? tr("Cancel MIDI Learn") : tr("MIDI Learn"));
    clear->setText(mapping_ ? tr("Clear MIDI Mapping (%1)").arg(mappingText())
                            : tr("Clear MIDI Mapping"));
    clear->setEnabled(mapping_.has_value());
    reset->setText(tr("Reset to Default (%1)").arg(curve_.format(defaultValue())));
    QMenu menu(this);
    menu.addSection(name_);
    menu.addAction(learn);
    menu.addAction(clear);
    menu.addSeparator();
    menu.addAction(reset);
    menu.exec(event->globalPos());
}

void ParamControl::focusOutEvent(QFocusEvent* event) {
    endBurst();
    QWidget::focusOutEvent(event);
}

void ParamControl::editTo(double position) {
    const double v = curve_.valueAt(position);
    // A stepped knob snaps to its step; a continuous one sits where it was put.
    const bool stepped = curve_.kind() == ui::CurveKind::Stepped;
    position_ = stepped ? curve_.positionOf(v) : std::clamp(position, 0.0, 1.0);
    update();
    if (v == value_) return;
    const double before = value_;
    value_ = v;
    emit valueEdited(before, v);
}

void ParamControl::resetToDefault() {
    endBurst();
    emit gestureStarted();
    editTo(curve_.positionOf(defaultValue()));
    emit gestureEnded();
}

void ParamControl::nudge(double steps, Qt::KeyboardModifiers modifiers) {
    if (!burstEnd_.isActive()) emit gestureStarted();
    const bool fine = modifiers & (Qt::ShiftModifier | Qt::ControlModifier);
    const bool stepped = curve_.kind() == ui::CurveKind::Stepped;
    const double step = curve_.positionStep() / (fine && !stepped ? kFineFactor : 1.0);
    editTo(std::clamp(position_ + steps * step, 0.0, 1.0));
    burstEnd_.start();
}

void ParamControl::endBurst() {
    if (!burstEnd_.isActive()) return;
    burstEnd_.stop();
    emit gestureEnded();
}

void ParamControl::updateToolTip() {
    QString tip = QStringLiteral("<b>%1</b><br>").arg(name_.toHtmlEscaped());
    tip += tr("Range %1 to %2 (%3)")
               .arg(curve_.format(curve_.min()), curve_.format(curve_.max()),
                    curveName(curve_.kind()));
    tip += "<br>" + tr("Default %1").arg(curve_.format(defaultValue()));
    if (!curve_.unit().isEmpty()) tip += "<br>" + tr("Unit %1").arg(curve_.unit().toHtmlEscaped());
    if (learning_)
        tip += "<br>" + tr("MIDI: move a controller to map it");
    else if (mapping_)
        tip += "<br>" + tr("MIDI: %1").arg(mappingText());
    else
        tip += "<br>" + tr("MIDI: not mapped");
    tip += "<br><i>" +
           tr("Drag or scroll to change, Shift for fine steps, double-click for the default, "
              "right-click for MIDI learn") +
           "</i>";
    setToolTip(tip);
}

} // namespace govox::params
