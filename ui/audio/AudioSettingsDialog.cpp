#include "ui/audio/AudioSettingsDialog.hpp"

#include "ui/audio/QtAudioBackend.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaDevices>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace govox::ui {
namespace {

QString deviceLabel(const backend::DeviceInfo& d) {
    const QString name = QString::fromStdString(d.name);
    return d.isDefault ? QObject::tr("%1 (system default)").arg(name) : name;
}

std::vector<std::string> namesOf(const std::vector<backend::DeviceInfo>& devices) {
    std::vector<std::string> names;
    for (const auto& d : devices) names.push_back(d.name);
    return names;
}

} // namespace

AudioSettingsDialog::AudioSettingsDialog(const AudioSettings& current, QWidget* parent,
                                         DeviceLister lister)
    : QDialog(parent), lister_(std::move(lister)), lastApplied_(current) {
    setWindowTitle(tr("Audio settings"));
    build();
    setSettings(current);
}

void AudioSettingsDialog::build() {
    auto* form = new QFormLayout;
    buildOutputRows(*form);
    buildTimingRows(*form);
    result_ = new QLabel(this);
    result_->setObjectName("result");
    result_->setWordWrap(true);
    result_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons_ = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(result_);
    layout->addWidget(buttons_);
    poll_ = new QTimer(this);
    poll_->setInterval(kPollMs);
    connectControls();
}

// Backend, device (with Refresh) and why the device list may be empty.
void AudioSettingsDialog::buildOutputRows(QFormLayout& form) {
    backend_ = new QComboBox(this);
    backend_->setObjectName("backend");
    for (backend::BackendKind k : selectableBackends())
        backend_->addItem(backendLabel(k), static_cast<int>(k));
    form.addRow(tr("Output"), backend_);
    device_ = new QComboBox(this);
    device_->setObjectName("device");
    refresh_ = new QPushButton(tr("Refresh"), this);
    refresh_->setObjectName("refresh");
    auto* deviceRow = new QHBoxLayout;
    deviceRow->addWidget(device_, 1);
    deviceRow->addWidget(refresh_);
    form.addRow(tr("Device"), deviceRow);
    deviceStatus_ = new QLabel(this);
    deviceStatus_->setObjectName("deviceStatus");
    deviceStatus_->setWordWrap(true);
    form.addRow(QString(), deviceStatus_);
}

// Sample rate, buffer size, ring depth and the latency they add up to.
void AudioSettingsDialog::buildTimingRows(QFormLayout& form) {
    rate_ = new QComboBox(this);
    rate_->setObjectName("sampleRate");
    form.addRow(tr("Sample rate"), rate_);
    buffer_ = new QComboBox(this);
    buffer_->setObjectName("bufferFrames");
    for (std::uint32_t f = AudioSettings::kMinBufferFrames; f <= AudioSettings::kMaxBufferFrames;
         f *= 2)
        buffer_->addItem(tr("%1 frames").arg(f), f);
    form.addRow(tr("Buffer size"), buffer_);
    ring_ = new QSpinBox(this);
    ring_->setObjectName("ringFrames");
    ring_->setRange(static_cast<int>(AudioSettings::kMinRingFrames),
                    static_cast<int>(AudioSettings::kMaxRingFrames));
    ring_->setSingleStep(64);
    ring_->setSuffix(tr(" frames"));
    ring_->setToolTip(tr("How far ahead voices render. Deeper rings survive longer pauses "
                         "of the Go code (garbage collection) but add latency."));
    form.addRow(tr("Ring depth"), ring_);
    latency_ = new QLabel(this);
    latency_->setObjectName("latency");
    form.addRow(tr("Latency"), latency_);
}

void AudioSettingsDialog::connectControls() {
    connect(poll_, &QTimer::timeout, this, &AudioSettingsDialog::pollQtDevices);
    connect(backend_, &QComboBox::currentIndexChanged, this,
            &AudioSettingsDialog::onBackendChanged);
    connect(refresh_, &QPushButton::clicked, this, &AudioSettingsDialog::refreshDevices);
    connect(device_, &QComboBox::currentIndexChanged, this,
            [this] { fillRates(settings().sampleRate); });
    connect(rate_, &QComboBox::currentIndexChanged, this, &AudioSettingsDialog::updateLatency);
    connect(buffer_, &QComboBox::currentIndexChanged, this, &AudioSettingsDialog::updateLatency);
    connect(ring_, &QSpinBox::valueChanged, this, &AudioSettingsDialog::updateLatency);
    connect(buttons_->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            &AudioSettingsDialog::apply);
    connect(buttons_, &QDialogButtonBox::accepted, this, [this] {
        if (settings() != lastApplied_) apply();
        accept();
    });
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

backend::BackendKind AudioSettingsDialog::backend() const {
    return static_cast<backend::BackendKind>(backend_->currentData().toInt());
}

AudioSettings AudioSettingsDialog::settings() const {
    AudioSettings s;
    s.backend = backend();
    s.device = device_->currentData().toString().toStdString();
    s.sampleRate = rate_->currentData().toUInt();
    s.bufferFrames = buffer_->currentData().toUInt();
    s.ringFrames = static_cast<std::uint32_t>(ring_->value());
    return s;
}

void AudioSettingsDialog::setSettings(const AudioSettings& s) {
    const QSignalBlocker block(backend_); // one device listing below, not two
    backend_->setCurrentIndex(std::max(0, backend_->findData(static_cast<int>(s.backend))));
    listDevices(backend());
    fillDevices(devices_, s.device);
    fillRates(s.sampleRate);
    const int buffer = buffer_->findData(s.bufferFrames);
    if (buffer < 0) buffer_->addItem(tr("%1 frames").arg(s.bufferFrames), s.bufferFrames);
    buffer_->setCurrentIndex(buffer_->findData(s.bufferFrames));
    ring_->setValue(static_cast<int>(s.ringFrames));
    watchQtDevices();
    updateLatency();
}

void AudioSettingsDialog::onBackendChanged() {
    const AudioSettings s = settings();
    listDevices(s.backend);
    fillDevices(devices_, {}); // another backend's device name means nothing here
    fillRates(s.sampleRate);
    watchQtDevices();
    updateLatency();
}

void AudioSettingsDialog::refreshDevices() {
    const AudioSettings s = settings();
    listDevices(s.backend);
    fillDevices(devices_, s.device);
    fillRates(s.sampleRate);
}

// The row under the device list says why it is empty (no JACK server) and is hidden otherwise.
void AudioSettingsDialog::listDevices(backend::BackendKind kind) {
    std::string error;
    devices_ = lister_(kind, error);
    deviceStatus_->setText(QString::fromStdString(error));
    deviceStatus_->setVisible(!error.empty());
}

void AudioSettingsDialog::fillDevices(const std::vector<backend::DeviceInfo>& devices,
                                      const std::string& keep) {
    const QSignalBlocker block(device_);
    device_->clear();
    device_->addItem(tr("Default output"), QString());
    for (const auto& d : devices) device_->addItem(deviceLabel(d), QString::fromStdString(d.name));
    const QString wanted = QString::fromStdString(keep);
    if (!keep.empty() && device_->findData(wanted) < 0)
        device_->addItem(tr("%1 (not connected)").arg(wanted), wanted);
    device_->setCurrentIndex(std::max(0, device_->findData(wanted)));
}

// The chosen device's rates (the default device's for "Default output"), or the standard
// ones when it does not say; `keep` stays selectable either way.
void AudioSettingsDialog::fillRates(std::uint32_t keep) {
    const std::string name = device_->currentData().toString().toStdString();
    std::vector<std::uint32_t> rates = standardSampleRates();
    for (const auto& d : devices_)
        if ((name.empty() ? d.isDefault : d.name == name) && !d.sampleRates.empty())
            rates = d.sampleRates;
    if (keep != 0 && std::find(rates.begin(), rates.end(), keep) == rates.end()) {
        rates.push_back(keep);
        std::sort(rates.begin(), rates.end());
    }
    const QSignalBlocker block(rate_);
    rate_->clear();
    for (std::uint32_t r : rates) rate_->addItem(tr("%1 Hz").arg(r), r);
    rate_->setCurrentIndex(std::max(0, rate_->findData(keep)));
    updateLatency();
}

void AudioSettingsDialog::updateLatency() {
    const AudioSettings s = settings();
    if (s.sampleRate == 0) {
        latency_->clear();
        return;
    }
    const double buffer = 1000.0 * s.bufferFrames / s.sampleRate;
    const double ring = 1000.0 * s.ringFrames / s.sampleRate;
    // Note-ons always, and changes to sounding notes for voices with rollback (every
    // example voice), take one buffer; a voice without rollback hears changes behind its ring.
    QString text = tr("note-on and controls %1 ms (one buffer at %2 Hz); a voice without "
                      "rollback hears controls after %3 ms (buffer %4 ms + ring %5 ms)")
                       .arg(s.noteLatencyMs(), 0, 'f', 1)
                       .arg(s.sampleRate)
                       .arg(s.latencyMs(), 0, 'f', 1)
                       .arg(buffer, 0, 'f', 1)
                       .arg(ring, 0, 'f', 1);
    if (s.backend == backend::BackendKind::Qt)
        text += tr("; Qt Multimedia adds at least %1 ms of its own")
                    .arg(QtAudioBackend::kMinBufferMs * 3 / 4);
    latency_->setText(text);
}

// Qt's device service is only touched once Qt Multimedia is chosen: creating it connects to
// the sound server, which a JACK user should not pay for.
void AudioSettingsDialog::watchQtDevices() {
    const bool qt = backend() == backend::BackendKind::Qt;
    if (qt && mediaDevices_ == nullptr) {
        mediaDevices_ = new QMediaDevices(this);
        connect(mediaDevices_, &QMediaDevices::audioOutputsChanged, this, [this] {
            if (backend() == backend::BackendKind::Qt) refreshDevices();
        });
    }
    if (qt && isVisible())
        poll_->start();
    else
        poll_->stop();
}

void AudioSettingsDialog::pollQtDevices() {
    std::string error;
    const auto now = lister_(backend::BackendKind::Qt, error);
    if (namesOf(now) != namesOf(devices_)) refreshDevices();
}

void AudioSettingsDialog::apply() {
    lastApplied_ = settings();
    result_->setText(tr("Starting…"));
    emit applied(lastApplied_);
}

void AudioSettingsDialog::showStartResult(const StartResult& r) {
    if (!r.playing) {
        result_->setStyleSheet("color: #c62828;");
        result_->setText(r.error);
        return;
    }
    backend::BackendKind kind{};
    const QString label = backend::parseBackendKind(r.stream.backend, kind)
                              ? backendLabel(kind)
                              : QString::fromStdString(r.stream.backend);
    result_->setStyleSheet(r.notice.isEmpty() ? QString() : "color: #b35c00;");
    result_->setText(!r.notice.isEmpty() ? r.notice
                                         : tr("Playing through %1 '%2' at %3 Hz, %4-frame buffer")
                                               .arg(label, QString::fromStdString(r.stream.device))
                                               .arg(r.stream.sampleRate)
                                               .arg(r.stream.bufferFrames));
}

// The constructor listed the devices; a dialog shown again later lists them afresh.
void AudioSettingsDialog::showEvent(QShowEvent* event) {
    QDialog::showEvent(event);
    if (shownBefore_) refreshDevices();
    shownBefore_ = true;
    watchQtDevices();
}

void AudioSettingsDialog::hideEvent(QHideEvent* event) {
    poll_->stop();
    QDialog::hideEvent(event);
}

} // namespace govox::ui
