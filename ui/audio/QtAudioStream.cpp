#include "ui/audio/QtAudioStream.hpp"

#include <QAudioSink>
#include <QMediaDevices>
#include <QTimer>

#include <algorithm>
#include <pthread.h>
#include <sched.h>
#include <utility>

namespace govox::ui {
namespace {

const char* describe(QAudio::Error e) {
    switch (e) {
    case QAudio::NoError: return "no error";
    case QAudio::OpenError: return "the device could not be opened";
    case QAudio::IOError: return "writing to the device failed";
    case QAudio::UnderrunError: return "the device ran out of audio";
    case QAudio::FatalError: return "the connection to the sound server was lost";
    }
    return "unknown error";
}

// The same real-time priority RtAudioBackend asks for: a `go build` on every save keeps the
// cores busy, and a normal-priority audio thread would then miss its turns. Without the
// right to it (no rtprio limit) the thread stays as it is.
void tryRealtimePriority() noexcept {
    sched_param param{};
    param.sched_priority = 70;
    pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
}

} // namespace

QtAudioStream::QtAudioStream(rt::AudioCallback& callback, QtStreamPlan plan)
    : callback_(callback), plan_(std::move(plan)) {}

QtAudioStream::~QtAudioStream() {
    close();
}

std::string QtAudioStream::deviceName() const {
    return plan_.device.description().toStdString();
}

std::string QtAudioStream::open() {
    // Qt 6.4 would wait forever for a stream to a device that has gone (QtAudioBackend.hpp):
    // look once more, as late as possible, which leaves a race of milliseconds.
    if (!deviceListed()) return "Qt Multimedia: '" + deviceName() + "' is not connected";
    tryRealtimePriority();
    source_ =
        new QtAudioPullDevice(callback_, plan_.sampleFormat, plan_.blockFrames, &abandoned_, this);
    source_->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    sink_ = new QAudioSink(plan_.device, plan_.format, this);
    sink_->setBufferSize(static_cast<qsizetype>(plan_.deviceBufferFrames) *
                         source_->bytesPerFrame());
    connect(sink_, &QAudioSink::stateChanged, this, &QtAudioStream::onStateChanged);
    sink_->start(source_); // opens the stream synchronously; failures show right away
    if (sink_->state() == QAudio::StoppedState || sink_->error() != QAudio::NoError) {
        const std::string why = describe(sink_->error());
        close();
        return "Qt Multimedia: cannot play to '" + deviceName() + "': " + why;
    }
    grantedFrames_ = static_cast<std::uint32_t>(sink_->bufferSize() / source_->bytesPerFrame());
    playing_ = true;
    watch_ = new QTimer(this);
    connect(watch_, &QTimer::timeout, this, &QtAudioStream::watch);
    watch_->start(kWatchMs);
    return {};
}

void QtAudioStream::close() {
    playing_ = false;
    delete watch_;
    watch_ = nullptr;
    if (sink_ != nullptr) {
        sink_->stop();
        delete sink_; // before the source it reads from
        sink_ = nullptr;
    }
    delete source_;
    source_ = nullptr;
}

void QtAudioStream::onStateChanged(QAudio::State state) {
    if (!playing_ || sink_ == nullptr) return;
    if (state == QAudio::IdleState) {
        // In pull mode only an underflow makes the sink idle (the source never runs dry).
        callback_.xrun();
    } else if (state == QAudio::StoppedState) {
        fail("Qt Multimedia: playing to '" + deviceName() +
             "' stopped: " + describe(sink_->error()));
    }
}

void QtAudioStream::watch() {
    if (!playing_ || failed()) return;
    if (!deviceListed()) {
        fail("Qt Multimedia: '" + deviceName() + "' was disconnected");
        return;
    }
    const std::uint64_t pulls = source_->pulls();
    quietMs_ = pulls == lastPulls_ ? quietMs_ + kWatchMs : 0;
    const int limit = pulls == 0 ? kStartupMs : kStallMs;
    lastPulls_ = pulls;
    if (quietMs_ >= limit)
        fail("Qt Multimedia: '" + deviceName() + "' stopped asking for audio (was it " +
             "unplugged, or did the sound server stop?)");
}

// Qt's list is a cached copy that its PulseAudio thread keeps current: cheap to read here.
bool QtAudioStream::deviceListed() const {
    const QByteArray id = plan_.device.id();
    const QList<QAudioDevice> outputs = QMediaDevices::audioOutputs();
    return std::any_of(outputs.begin(), outputs.end(),
                       [&](const QAudioDevice& d) { return d.id() == id; });
}

void QtAudioStream::fail(const std::string& why) {
    {
        std::lock_guard lock(failureMutex_);
        if (!failure_.empty()) return; // keep the first cause
        failure_ = why;
    }
    failed_.store(true, std::memory_order_release);
}

std::string QtAudioStream::failure() const {
    std::lock_guard lock(failureMutex_);
    return failure_;
}

} // namespace govox::ui
