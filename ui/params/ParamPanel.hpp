// ParamPanel.hpp - the running voice's parameters as a grid of knobs, made from what the
// Go voice declares; with MIDI learn and undo.
//
// Aims
// - Generated, never hand-made: one ParamControl per declared parameter, in the order the
//   voice declares them, rebuilt whenever the set changes (another voice, a reload that
//   adds, removes or renames parameters). Values are by name, so a rebuild shows the
//   values the session carried over.
// - The grid reflows to the panel's width (as many columns as fit) and scrolls when a
//   voice declares more than fit; without a voice it says so instead.
// - Every edit goes to the voice at once (Studio::setParam; the SDK smooths it) and onto
//   the undo stack by gesture (ParamUndo); MIDI-learnt controllers move the knobs.
//
// Threads: UI thread.
#pragma once

#include "ui/params/ParamUndo.hpp"

#include <QList>
#include <QMap>
#include <QString>
#include <QWidget>

class QGridLayout;
class QLabel;
class QScrollArea;
class QStackedLayout;

namespace govox::ui {
class Studio;
}

namespace govox::params {

class ParamControl;

class ParamPanel final : public QWidget {
    Q_OBJECT

public:
    explicit ParamPanel(ui::Studio& studio, QWidget* parent = nullptr);

    ParamUndo& undo() { return undo_; }
    QUndoStack* undoStack() { return undo_.stack(); }

    // Sets several values as one undo step labelled `label` (a preset load). Names the
    // voice does not declare are left out (the caller reports them).
    void applyValues(const QString& label, const QMap<QString, double>& values);
    // The values on screen, by declared name.
    QMap<QString, double> values() const;

    // What is on screen, for tests and the window.
    QList<ParamControl*> controls() const { return controls_; }
    ParamControl* control(const QString& name) const; // case-insensitive; null if none
    bool showsPlaceholder() const;
    QString placeholderText() const;
    int columns() const { return columns_; }

    // Makes the controls afresh from the studio's parameters.
    void rebuild();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void connectControl(ParamControl* control);
    void applyFromUndo(const QString& name, double value);
    void showLearning(const QString& param);
    void showMappings();
    void relayout();

    ui::Studio& studio_;
    ParamUndo undo_;
    QStackedLayout* stack_ = nullptr;
    QLabel* placeholder_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    QWidget* grid_ = nullptr;
    QGridLayout* gridLayout_ = nullptr;
    QList<ParamControl*> controls_;
    int columns_ = 0;
    QString voiceName_; // undo steps belong to one voice
};

} // namespace govox::params
