#include "ui/health/StatusPanel.hpp"

#include <QLabel>
#include <QVBoxLayout>

namespace govox::ui {

StatusPanel::StatusPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    stream_ = new QLabel(this);
    stream_->setObjectName("streamStatus");
    stream_->setWordWrap(true); // a long device name wraps rather than widening the window
    notice_ = new QLabel(this);
    notice_->setWordWrap(true);
    notice_->setStyleSheet("color: #9a5b00;");
    notice_->hide();
    build_ = new QLabel(tr("No voice loaded: pick one above."), this);
    build_->setObjectName("buildStatus");
    build_->setWordWrap(true);
    timings_ = new QLabel(this);
    timings_->setStyleSheet("color: palette(mid);");
    for (QLabel* l : {stream_, notice_, build_, timings_}) {
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        layout->addWidget(l);
    }
}

void StatusPanel::update(const StudioSnapshot& s) {
    if (!s.running) {
        stream_->setText(tr("Audio stopped"));
        return;
    }
    const double ringMs = s.sampleRate ? 1000.0 * s.ringTargetFrames / s.sampleRate : 0.0;
    // Controls take one buffer, as note-ons do, unless the voice has no rollback: then
    // they wait behind its ring (latencyMs).
    const QString latency =
        s.ringLatency ? tr("latency: note-on %1 ms, controls %2 ms (no rollback: behind the ring)")
                            .arg(s.noteLatencyMs, 0, 'f', 1)
                            .arg(s.latencyMs, 0, 'f', 1)
                      : tr("latency: note-on and controls %1 ms").arg(s.noteLatencyMs, 0, 'f', 1);
    stream_->setText(tr("%1 · %2 · %3 Hz · %4-frame buffer · ring %5 frames (%6 ms) · %7")
                         .arg(QString::fromStdString(s.backend), QString::fromStdString(s.device))
                         .arg(s.sampleRate)
                         .arg(s.bufferFrames)
                         .arg(s.ringTargetFrames)
                         .arg(ringMs, 0, 'f', 1)
                         .arg(latency));
}

void StatusPanel::show(const session::SessionEvent& e) {
    using K = session::SessionEventKind;
    if (e.kind == K::Fault || e.kind == K::Notice || e.kind == K::Quality) return;
    build_->setText(QString::fromStdString(e.message));
    if (e.kind == K::Reloaded || e.kind == K::Started) {
        const reload::ReloadTimings& t = e.timings;
        timings_->setText(
            tr("last reload: build %1 ms · host ready %2 ms · prefill %3 ms · heard at %4 ms · "
               "crossfade done %5 ms")
                .arg(t.buildMs(), 0, 'f', 0)
                .arg(t.hostReadyMs - t.buildDoneMs, 0, 'f', 0)
                .arg(t.prefilledMs - t.hostReadyMs, 0, 'f', 0)
                .arg(t.firstSampleMs, 0, 'f', 0)
                .arg(t.crossfadeDoneMs, 0, 'f', 0));
    }
}

void StatusPanel::setBuilding(const QString& voice) {
    build_->setText(tr("Building %1…").arg(voice));
}

void StatusPanel::setNotice(const QString& text) {
    notice_->setText(text);
    notice_->setVisible(!text.isEmpty());
}

QString StatusPanel::streamText() const {
    return stream_->text();
}
QString StatusPanel::noticeText() const {
    return notice_->text();
}
QString StatusPanel::buildText() const {
    return build_->text();
}

} // namespace govox::ui
