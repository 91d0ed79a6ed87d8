#include "ui/params/ParamPanel.hpp"

#include "ui/params/ParamControl.hpp"
#include "ui/studio/Studio.hpp"

#include <QGridLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QScrollArea>
#include <QScrollBar>
#include <QStackedLayout>

#include <algorithm>

namespace govox::params {
namespace {

constexpr int kSpacing = 8;

} // namespace

ParamPanel::ParamPanel(ui::Studio& studio, QWidget* parent)
    : QWidget(parent), studio_(studio),
      undo_([this](const QString& name, double value) { applyFromUndo(name, value); }) {
    setObjectName("paramPanel");
    stack_ = new QStackedLayout(this);
    placeholder_ = new QLabel(this);
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->setForegroundRole(QPalette::PlaceholderText);
    placeholder_->setMargin(12);
    scroll_ = new QScrollArea(this);
    scroll_->setWidgetResizable(true);
    scroll_->setFrameShape(QFrame::NoFrame);
    scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    grid_ = new QWidget(scroll_);
    gridLayout_ = new QGridLayout(grid_);
    gridLayout_->setSpacing(kSpacing);
    gridLayout_->setContentsMargins(kSpacing, kSpacing, kSpacing, kSpacing);
    gridLayout_->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    scroll_->setWidget(grid_);
    stack_->addWidget(placeholder_);
    stack_->addWidget(scroll_);

    voiceName_ = studio_.voiceName();
    connect(&studio_, &ui::Studio::paramsChanged, this, &ParamPanel::rebuild);
    connect(&studio_, &ui::Studio::voiceOpened, this, [this](const QString& name) {
        if (name != voiceName_) undo_.clear(); // another voice: its values mean nothing here
        voiceName_ = name;
        for (ParamControl* c : controls_) // the values carried over
            c->setValue(studio_.paramValue(c->name()));
    });
    ui::MidiLearn& learn = studio_.midiLearn();
    connect(&learn, &ui::MidiLearn::learningChanged, this, &ParamPanel::showLearning);
    connect(&learn, &ui::MidiLearn::mappingsChanged, this, &ParamPanel::showMappings);
    connect(&learn, &ui::MidiLearn::paramMoved, this, [this](const QString& name, double value) {
        if (ParamControl* c = control(name)) c->setValue(value);
    });
    rebuild();
}

void ParamPanel::rebuild() {
    // A control removed in the middle of a gesture never ends it: end it here.
    if (undo_.inGesture()) undo_.endGesture();
    for (ParamControl* c : controls_) delete c;
    controls_.clear();
    for (const host::ParamInfo& info : studio_.params()) {
        auto* c = new ParamControl(info, grid_);
        c->setValue(studio_.paramValue(c->name()));
        connectControl(c);
        controls_.append(c);
    }
    showMappings();
    showLearning(studio_.midiLearn().armedParam());
    columns_ = 0; // lay out afresh
    relayout();
    if (controls_.isEmpty()) {
        placeholder_->setText(studio_.hasVoice()
                                  ? tr("%1 declares no parameters.").arg(studio_.voiceName())
                                  : tr("No voice is open.\nOpen one to see its parameters here."));
        stack_->setCurrentWidget(placeholder_);
    } else {
        stack_->setCurrentWidget(scroll_);
    }
}

void ParamPanel::connectControl(ParamControl* c) {
    const QString name = c->name();
    connect(c, &ParamControl::gestureStarted, this, [this] { undo_.beginGesture(); });
    connect(c, &ParamControl::gestureEnded, this, [this] { undo_.endGesture(); });
    connect(c, &ParamControl::valueEdited, this, [this, name](double before, double after) {
        studio_.setParam(name, after);
        undo_.pushChange(name, before, after);
    });
    connect(c, &ParamControl::midiLearnRequested, this,
            [this, name] { studio_.midiLearn().arm(name); });
    connect(c, &ParamControl::midiLearnCancelled, this, [this] { studio_.midiLearn().disarm(); });
    connect(c, &ParamControl::midiMappingClearRequested, this,
            [this, name] { studio_.midiLearn().clearMapping(name); });
}

void ParamPanel::applyFromUndo(const QString& name, double value) {
    studio_.setParam(name, value);
    if (ParamControl* c = control(name)) c->setValue(value);
}

void ParamPanel::applyValues(const QString& label, const QMap<QString, double>& values) {
    QMap<QString, double> before, after;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        ParamControl* c = control(it.key());
        if (!c) continue;
        before[c->name()] = c->value();
        c->setValue(it.value()); // clamps, and rounds a stepped value
        studio_.setParam(c->name(), c->value());
        after[c->name()] = c->value();
    }
    undo_.pushValues(label, before, after);
}

QMap<QString, double> ParamPanel::values() const {
    QMap<QString, double> out;
    for (const ParamControl* c : controls_) out[c->name()] = c->value();
    return out;
}

ParamControl* ParamPanel::control(const QString& name) const {
    for (ParamControl* c : controls_)
        if (c->name().compare(name, Qt::CaseInsensitive) == 0) return c;
    return nullptr;
}

bool ParamPanel::showsPlaceholder() const {
    return stack_->currentWidget() == placeholder_;
}

QString ParamPanel::placeholderText() const {
    return placeholder_->text();
}

void ParamPanel::showLearning(const QString& param) {
    for (ParamControl* c : controls_)
        c->setLearning(!param.isEmpty() && c->name().compare(param, Qt::CaseInsensitive) == 0);
}

void ParamPanel::showMappings() {
    for (ParamControl* c : controls_) c->setMapping(studio_.midiLearn().mappingFor(c->name()));
}

void ParamPanel::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    relayout();
}

// As many columns as fit the width (a scroll bar's room kept), row after row.
void ParamPanel::relayout() {
    if (controls_.isEmpty()) return;
    const int cell = controls_.front()->sizeHint().width();
    const int room = width() - 2 * kSpacing - scroll_->verticalScrollBar()->sizeHint().width();
    const int columns = std::clamp((room + kSpacing) / (cell + kSpacing), 1, int(controls_.size()));
    if (columns == columns_) return;
    columns_ = columns;
    for (ParamControl* c : controls_) gridLayout_->removeWidget(c);
    for (int i = 0; i < controls_.size(); ++i)
        gridLayout_->addWidget(controls_[i], i / columns, i % columns);
}

} // namespace govox::params
