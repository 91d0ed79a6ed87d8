#include "ui/params/ParamUndo.hpp"

#include <QUndoCommand>

#include <utility>

namespace govox::params {
namespace {

// QUndoStack merges only commands that share an id.
constexpr int kParamChangeId = 0x6f7801;

// One parameter moved by one gesture.
class ParamChangeCommand final : public QUndoCommand {
public:
    ParamChangeCommand(ParamUndo::Apply apply, QString param, double before, double after,
                       std::uint64_t gesture)
        : QUndoCommand(QObject::tr("Set %1").arg(param)), apply_(std::move(apply)),
          param_(std::move(param)), before_(before), after_(after), gesture_(gesture) {}

    int id() const override { return kParamChangeId; }
    void undo() override { apply_(param_, before_); }
    void redo() override {
        if (std::exchange(pushed_, false)) return; // the caller has applied it already
        apply_(param_, after_);
    }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const ParamChangeCommand*>(other); // same id: same type
        if (o->gesture_ != gesture_ || o->param_ != param_) return false;
        after_ = o->after_;
        setObsolete(after_ == before_); // a drag back to where it began is no step
        return true;
    }

private:
    ParamUndo::Apply apply_;
    QString param_;
    double before_, after_;
    std::uint64_t gesture_;
    bool pushed_ = true;
};

// Several parameters set at once.
class ParamValuesCommand final : public QUndoCommand {
public:
    ParamValuesCommand(ParamUndo::Apply apply, const QString& label, QMap<QString, double> before,
                       QMap<QString, double> after)
        : QUndoCommand(label), apply_(std::move(apply)), before_(std::move(before)),
          after_(std::move(after)) {}

    void undo() override { applyAll(before_); }
    void redo() override {
        if (std::exchange(pushed_, false)) return;
        applyAll(after_);
    }

private:
    void applyAll(const QMap<QString, double>& values) {
        for (auto it = values.cbegin(); it != values.cend(); ++it) apply_(it.key(), it.value());
    }

    ParamUndo::Apply apply_;
    QMap<QString, double> before_, after_;
    bool pushed_ = true;
};

} // namespace

ParamUndo::ParamUndo(Apply apply, QObject* parent) : QObject(parent), apply_(std::move(apply)) {}

void ParamUndo::beginGesture() {
    inGesture_ = true;
    ++gesture_;
}

void ParamUndo::endGesture() {
    inGesture_ = false;
    ++gesture_; // what follows never merges into the gesture that ended
}

void ParamUndo::pushChange(const QString& param, double before, double after) {
    if (before == after) return;
    stack_.push(new ParamChangeCommand(apply_, param, before, after, gesture_));
    if (!inGesture_) ++gesture_;
}

void ParamUndo::pushValues(const QString& label, const QMap<QString, double>& before,
                           const QMap<QString, double>& after) {
    if (before == after) return;
    stack_.push(new ParamValuesCommand(apply_, label, before, after));
}

void ParamUndo::clear() {
    stack_.clear();
}

} // namespace govox::params
