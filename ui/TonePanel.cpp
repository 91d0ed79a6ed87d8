#include "ui/TonePanel.hpp"

#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>
#include <cmath>

namespace govox::ui {
namespace {

constexpr std::uint32_t kRingTarget = 1024;

QProgressBar* makeMeter(QWidget* parent) {
    auto* bar = new QProgressBar(parent);
    bar->setRange(-60, 0); // dBFS
    bar->setFormat("%v dBFS");
    bar->setValue(-60);
    return bar;
}

int toDb(float peak) {
    return peak > 0.001f ? static_cast<int>(std::lround(20.0 * std::log10(peak))) : -60;
}

} // namespace

TonePanel::TonePanel(session::AudioEngine& engine, QWidget* parent)
    : QWidget(parent), engine_(engine) {
    auto* form = new QFormLayout(this);
    button_ = new QPushButton(tr("Play test tone (A4, 440 Hz)"), this);
    button_->setCheckable(true);
    left_ = makeMeter(this);
    right_ = makeMeter(this);
    latency_ = new QLabel(this);
    form->addRow(button_);
    form->addRow(tr("Left"), left_);
    form->addRow(tr("Right"), right_);
    form->addRow(tr("Latency"), latency_);
    connect(button_, &QPushButton::toggled, this, &TonePanel::setPlaying);

    rt::Mixer* mixer = engine_.mixer();
    button_->setEnabled(mixer != nullptr);
    if (!mixer) return;
    auto created = shm::Region::create({.voiceCount = 1,
                                        .ringCapacityFrames = 4096,
                                        .ringTargetFrames = kRingTarget,
                                        .sampleRate = mixer->sampleRate(),
                                        .maxBlockFrames = std::min(mixer->maxBlockFrames(), 4096u)});
    if (!created.region) {
        button_->setEnabled(false);
        button_->setToolTip(QString::fromStdString(created.error));
        return;
    }
    region_ = std::move(created.region);
    host_ = std::make_unique<standin::ToneVoiceHost>(*region_);
    host_->startThread();
    engine_.attach(region_, 0);
    latency_->setText(tr("%1 ms (buffer + device + ring)").arg(engine_.latencyMs(kRingTarget), 0,
                                                                'f', 1));
}

TonePanel::~TonePanel() = default; // the engine keeps the region until it stops mixing it

void TonePanel::setPlaying(bool on) {
    if (!host_) return;
    if (on)
        host_->noteOn(0, {.frequency = 440.0, .amplitude = 0.3f});
    else
        host_->noteOff(0);
}

void TonePanel::refresh() {
    const rt::Mixer* mixer = engine_.mixer();
    if (!mixer) return;
    left_->setValue(toDb(mixer->stats().peakLeft.load()));
    right_->setValue(toDb(mixer->stats().peakRight.load()));
}

} // namespace govox::ui
