// ParamControl.hpp - one parameter as a knob: its name above, a ring showing where the
// value sits in its range, the value with its unit below, and the MIDI controller that
// moves it, if any.
//
// Aims
// - Behaves as knobs in audio software do: drag up or right to raise, down or left to
//   lower (200 pixels for the whole travel); Shift or Ctrl while dragging, wheeling or
//   pressing arrow keys moves ten times finer; double-click returns to the default; the
//   right-click menu offers MIDI learn, clearing the mapping, and the default.
// - The travel follows the parameter's curve (ParamCurve): equal movement, equal musical
//   step. A stepped parameter clicks from whole number to whole number.
// - Undo sees gestures, not pixels: gestureStarted, any number of valueEdited, then
//   gestureEnded - around a drag, a reset, and a burst of wheel notches or key presses
//   (which ends after a short pause).
// - One paintEvent, no child widgets: a panel of dozens stays cheap to lay out and draw.
//
// Threads: UI thread.
#pragma once

#include "engine/host/ParamInfo.hpp"
#include "ui/presets/ParamCurve.hpp"
#include "ui/presets/Preset.hpp"

#include <QPoint>
#include <QTimer>
#include <QWidget>

#include <optional>

namespace govox::params {

class ParamControl final : public QWidget {
    Q_OBJECT

public:
    // Pixels of drag for the whole travel, and how much finer the modifier makes it.
    static constexpr double kTravelPixels = 200.0;
    static constexpr double kFineFactor = 10.0;

    explicit ParamControl(const host::ParamInfo& info, QWidget* parent = nullptr);

    QString name() const { return name_; }
    const host::ParamInfo& info() const { return info_; }
    const ui::ParamCurve& curve() const { return curve_; }
    double value() const { return value_; }
    double position() const { return position_; }
    double defaultValue() const { return curve_.clamp(info_.defaultValue); }

    // Shows a value set elsewhere (undo, a mapped controller, a reload). Emits nothing.
    void setValue(double value);
    // MIDI learn: whether this control waits for a controller, and the one it has.
    void setLearning(bool learning);
    bool learning() const { return learning_; }
    void setMapping(const std::optional<presets::MidiMapping>& mapping);
    const std::optional<presets::MidiMapping>& mapping() const { return mapping_; }

    // What is on screen, for tests and the tooltip.
    QString readoutText() const { return curve_.format(value_); }
    QString mappingText() const;
    QRect knobRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override { return sizeHint(); }

signals:
    void gestureStarted();
    // The user moved the control from `before` to `after` (already shown).
    void valueEdited(double before, double after);
    void gestureEnded();
    void midiLearnRequested();
    void midiLearnCancelled();
    void midiMappingClearRequested();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    // Moves to a position as the user asked; emits valueEdited if the value changed.
    void editTo(double position);
    void resetToDefault();
    // Wheel notches and key presses: the first opens a gesture, a pause closes it.
    void nudge(double steps, Qt::KeyboardModifiers modifiers);
    void endBurst();
    void updateToolTip();

    host::ParamInfo info_;
    ui::ParamCurve curve_;
    QString name_;
    double value_ = 0;
    double position_ = 0;
    // A drag: where the pointer was, and the position unrounded (a stepped knob moves
    // through its steps as the pointer travels, not only when a step is crossed at once).
    bool dragging_ = false;
    QPoint lastPointer_;
    double dragPosition_ = 0;
    QTimer burstEnd_;
    double wheelNotches_ = 0; // a stepped knob's part of a notch not yet turned into a step
    bool learning_ = false;
    std::optional<presets::MidiMapping> mapping_;
};

} // namespace govox::params
