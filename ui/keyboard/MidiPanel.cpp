#include "ui/keyboard/MidiPanel.hpp"

#include "ui/studio/Studio.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>

#include <initializer_list>

namespace govox::ui {
namespace {

constexpr int kPollMs = 1000;
constexpr int kPollUnavailableMs = 5000;
constexpr int kLightMs = 100;
constexpr int kStatusWidth = 260;
constexpr int kSourceRole = Qt::UserRole;
constexpr int kPortRole = Qt::UserRole + 1;

const char* kLightOff = "background: #3b3d40; border: 1px solid #25272a; border-radius: 5px;";
const char* kLightOn = "background: #58e46f; border: 1px solid #2f9a44; border-radius: 5px;";

// Ports of Govox itself (another instance, RtMidi's probes): connecting them would loop.
bool ownPort(const QString& name) {
    return name.startsWith(QLatin1String("Govox"));
}

} // namespace

MidiPanel::MidiPanel(Studio& studio, QWidget* parent) : QWidget(parent), studio_(studio) {
    buildLayout();
    pollTimer_.setInterval(kPollMs);
    connect(&pollTimer_, &QTimer::timeout, this, &MidiPanel::refreshPorts);
    lightTimer_.setSingleShot(true);
    lightTimer_.setInterval(kLightMs);
    connect(&lightTimer_, &QTimer::timeout, this, [this] { setLit(false); });
    messageCount_ = studio_.snapshot().midiMessages; // old messages do not blink
    connect(&studio_, &Studio::snapshotUpdated, this,
            [this](const StudioSnapshot& s) { setMessageCount(s.midiMessages); });
    connect(&studio_, &Studio::midiServerLost, this, &MidiPanel::serverLost);

    // ALSA sees every keyboard (and JACK's through a2j); JACK alone when there is no sequencer.
    std::string alsaError;
    std::string jackError;
    midi::MidiInput::ports(midi::MidiApi::Alsa, alsaError);
    if (!alsaError.empty()) midi::MidiInput::ports(midi::MidiApi::Jack, jackError);
    setApi(!alsaError.empty() && jackError.empty() ? midi::MidiApi::Jack : midi::MidiApi::Alsa);
    setFollowNewPorts(true);
}

void MidiPanel::buildLayout() {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    layout->setSpacing(6);
    light_ = new QLabel(this);
    light_->setObjectName("midiActivity");
    light_->setFixedSize(10, 10);
    light_->setToolTip(tr("MIDI activity: lights when a message arrives"));
    setLit(false);
    auto* title = new QLabel(tr("MIDI"), this);
    apiPicker_ = new QComboBox(this);
    apiPicker_->addItem(tr("ALSA"), int(midi::MidiApi::Alsa));
    apiPicker_->addItem(tr("JACK"), int(midi::MidiApi::Jack));
    apiPicker_->setToolTip(tr("Take MIDI from the ALSA sequencer or from JACK"));
    portPicker_ = new QComboBox(this);
    portPicker_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    portPicker_->setMinimumContentsLength(18);
    portPicker_->installEventFilter(this); // lists the ports afresh as it opens
    follow_ = new QCheckBox(tr("Follow new ports"), this);
    follow_->setToolTip(
        tr("Connect MIDI ports that appear later, such as a keyboard being plugged in"));
    status_ = new QLabel(this);
    status_->setMinimumWidth(120);
    panic_ = new QPushButton(tr("Panic"), this);
    panic_->setToolTip(tr("All notes off, sustain pedal up, pitch bend centred"));
    for (QWidget* w :
         std::initializer_list<QWidget*>{light_, title, apiPicker_, portPicker_, follow_, status_})
        layout->addWidget(w);
    layout->addStretch(1); // given more room, the panic button goes to the far end
    layout->addWidget(panic_);
    connect(apiPicker_, &QComboBox::activated, this,
            [this](int i) { setApi(static_cast<midi::MidiApi>(apiPicker_->itemData(i).toInt())); });
    connect(portPicker_, &QComboBox::activated, this, &MidiPanel::choosePortAt);
    connect(follow_, &QCheckBox::toggled, this, &MidiPanel::setFollowNewPorts);
    connect(panic_, &QPushButton::clicked, this, &MidiPanel::panicRequested);
}

void MidiPanel::setApi(midi::MidiApi api) {
    if (listed_ && api == api_) return;
    api_ = api;
    {
        const QSignalBlocker block(apiPicker_);
        apiPicker_->setCurrentIndex(apiPicker_->findData(int(api)));
    }
    // The other API's port names mean nothing here: start over from all inputs.
    listed_ = false;
    lastListed_.clear();
    appeared_.clear();
    if (source_ == Source::OnePort) source_ = Source::AllInputs;
    refreshPorts();
}

void MidiPanel::setSource(Source source, const QString& port) {
    source_ = source;
    chosenPort_ = source == Source::OnePort ? port : QString{};
    appeared_.clear(); // a new choice replaces what following added
    fillPortPicker();
    apply();
}

void MidiPanel::setFollowNewPorts(bool follow) {
    {
        const QSignalBlocker block(follow_);
        follow_->setChecked(follow);
    }
    // Ports followed so far stay connected: turning this off only stops new ones.
    if (!follow) return pollTimer_.stop();
    lastListed_ = available_; // only ports appearing from now on are new
    if (!pollTimer_.isActive()) pollTimer_.start();
}

bool MidiPanel::followNewPorts() const {
    return follow_->isChecked();
}

// The Studio has closed MIDI already (within a tick of the server's death).
void MidiPanel::serverLost() {
    applied_ = Applied{api_, {}, tr("JACK MIDI: the server stopped")};
    available_.clear(); // lastListed_ stays: ports there again when it is back are not new
    fillPortPicker();
    showStatus();
    pollTimer_.setInterval(kPollMs);
    if (!pollTimer_.isActive()) pollTimer_.start(); // also when not following new ports
}

void MidiPanel::refreshPorts() {
    std::string error;
    const std::vector<std::string> names = midi::MidiInput::ports(api_, error);
    listError_ = QString::fromStdString(error);
    // Waiting for a stopped server to come back is worth a libjack complaint a second.
    const bool waitingForServer = studio_.midiServerStopped();
    pollTimer_.setInterval(error.empty() || waitingForServer ? kPollMs : kPollUnavailableMs);
    if (!error.empty()) {
        available_.clear(); // lastListed_ stays: ports still there when the API is back are not new
    } else {
        QStringList now;
        for (const std::string& n : names)
            if (!ownPort(QString::fromStdString(n))) now << QString::fromStdString(n);
        if (followNewPorts() && listed_)
            for (const QString& p : now)
                if (!lastListed_.contains(p) && !appeared_.contains(p)) appeared_ << p;
        appeared_.removeIf([&](const QString& p) { return !now.contains(p); }); // unplugged
        available_ = lastListed_ = now;
        listed_ = true;
    }
    fillPortPicker();
    apply();
    if (!followNewPorts() && waitingForServer && !studio_.midiServerStopped()) pollTimer_.stop();
}

std::vector<std::string> MidiPanel::wantedPorts() const {
    std::vector<std::string> wanted;
    for (const QString& p : available_)
        if (source_ == Source::AllInputs || (source_ == Source::OnePort && p == chosenPort_) ||
            appeared_.contains(p))
            wanted.push_back(p.toStdString());
    return wanted;
}

void MidiPanel::apply() {
    const std::vector<std::string> wanted = wantedPorts();
    const bool apiChanged = !applied_ || applied_->api != api_;
    // An API that cannot even list its ports cannot open them either: retry once it can.
    const bool skip = apiChanged ? false
                                 : !listError_.isEmpty() ||
                                       (applied_->ports == wanted && applied_->error.isEmpty());
    if (!skip) {
        midi::MidiInputConfig config;
        config.api = api_;
        config.virtualPort = "Govox";
        config.ports = wanted;
        applied_ = Applied{api_, wanted, studio_.openMidi(config)};
    }
    showStatus();
}

void MidiPanel::fillPortPicker() {
    const QSignalBlocker block(portPicker_);
    portPicker_->clear();
    portPicker_->addItem(tr("Govox port only"), int(Source::VirtualOnly));
    portPicker_->addItem(tr("All inputs"), int(Source::AllInputs));
    QStringList ports = available_;
    if (source_ == Source::OnePort && !ports.contains(chosenPort_)) ports << chosenPort_;
    if (!ports.isEmpty()) portPicker_->insertSeparator(portPicker_->count());
    for (const QString& p : ports) {
        const bool present = available_.contains(p);
        portPicker_->addItem(present ? p : tr("%1 (not present)").arg(p), int(Source::OnePort));
        portPicker_->setItemData(portPicker_->count() - 1, p, kPortRole);
        portPicker_->setItemData(portPicker_->count() - 1, p, Qt::ToolTipRole);
    }
    int current = source_ == Source::AllInputs ? 1 : 0;
    if (source_ == Source::OnePort) current = portPicker_->findData(chosenPort_, kPortRole);
    portPicker_->setCurrentIndex(current);
    portPicker_->setToolTip(listError_.isEmpty()
                                ? tr("Where Govox takes MIDI from, besides its own port \"Govox\"")
                                : listError_);
}

void MidiPanel::choosePortAt(int index) {
    const auto source = static_cast<Source>(portPicker_->itemData(index, kSourceRole).toInt());
    setSource(source, portPicker_->itemData(index, kPortRole).toString());
}

QStringList MidiPanel::openedPorts() const {
    QStringList names;
    for (const std::string& n : studio_.midiPortsOpened()) names << QString::fromStdString(n);
    return names;
}

QString MidiPanel::errorText() const {
    if (studio_.midiServerStopped() && api_ == midi::MidiApi::Jack)
        return tr("JACK MIDI: the server stopped; Govox reconnects when it runs again");
    if (!listError_.isEmpty()) return listError_;
    return applied_ ? applied_->error : QString{};
}

void MidiPanel::showStatus() {
    const QString error = errorText();
    const QStringList opened = openedPorts();
    QString text;
    QString tip;
    if (!error.isEmpty()) {
        text = tip = error;
    } else {
        const int inputs = int(opened.size()) - 1; // besides the virtual port
        text = inputs <= 0   ? tr("Port Govox open")
               : inputs == 1 ? tr("Govox + 1 input")
                             : tr("Govox + %1 inputs").arg(inputs);
        tip = tr("Listening on:") + "\n" + opened.join("\n");
    }
    statusText_ = text;
    status_->setText(status_->fontMetrics().elidedText(text, Qt::ElideRight, kStatusWidth));
    status_->setToolTip(tip);
    status_->setStyleSheet(error.isEmpty() ? "" : "color: #d0453a;");
}

void MidiPanel::setMessageCount(quint64 count) {
    if (count == messageCount_) return;
    messageCount_ = count;
    setLit(true);
    lightTimer_.start(); // restarts: a stream of messages keeps it lit
}

void MidiPanel::setLit(bool lit) {
    lit_ = lit;
    light_->setStyleSheet(lit ? kLightOn : kLightOff);
}

bool MidiPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == portPicker_ && event->type() == QEvent::MouseButtonPress) refreshPorts();
    return QWidget::eventFilter(watched, event);
}

void MidiPanel::setPanicButtonVisible(bool visible) {
    panic_->setVisible(visible);
}

} // namespace govox::ui
