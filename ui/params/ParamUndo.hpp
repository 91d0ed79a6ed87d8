// ParamUndo.hpp - undo and redo for parameter values: one step per gesture on a control
// (a whole drag, a burst of wheel notches, a reset), and one step for a set of values
// applied together (a preset load).
//
// Aims
// - A drag sends dozens of values; the user thinks of it as one change. Every change
//   pushed between beginGesture and endGesture merges into one command
//   (QUndoCommand::mergeWith), holding the value before the gesture and the last one; a
//   gesture that ends where it began leaves no step at all.
// - The stack knows nothing of controls or sessions: undoing calls the `apply` function
//   with each name and value, and whoever owns this object sends them on and redraws.
//   Values are by parameter name, so a step survives a reload that moves parameters.
// - Pushing does not re-apply what the caller has applied already: the first redo of a
//   change is skipped (the value is live, the voice has it).
//
// Threads: UI thread.
#pragma once

#include <QMap>
#include <QObject>
#include <QString>
#include <QUndoStack>

#include <cstdint>
#include <functional>

namespace govox::params {

class ParamUndo final : public QObject {
    Q_OBJECT

public:
    // Sets one parameter to a value, for undo and redo.
    using Apply = std::function<void(const QString& param, double value)>;

    explicit ParamUndo(Apply apply, QObject* parent = nullptr);

    QUndoStack* stack() { return &stack_; }

    // Changes pushed between these two merge into one undo step. Changes pushed outside a
    // gesture are a step each.
    void beginGesture();
    void endGesture();
    bool inGesture() const { return inGesture_; }

    // The user has set `param` from `before` to `after` (already applied).
    void pushChange(const QString& param, double before, double after);
    // Several values set at once (already applied), undone together: a preset load.
    // `before` should hold every name in `after`; names only in one of them are applied
    // as far as they go (undo sets the names in `before`, redo those in `after`).
    void pushValues(const QString& label, const QMap<QString, double>& before,
                    const QMap<QString, double>& after);

    // Forgets every step (another voice was opened: its values mean nothing to this one).
    void clear();

private:
    Apply apply_;
    QUndoStack stack_;
    bool inGesture_ = false;
    std::uint64_t gesture_ = 0; // the current gesture's serial; a new one for each change outside
};

} // namespace govox::params
