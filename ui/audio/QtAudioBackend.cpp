#include "ui/audio/QtAudioBackend.hpp"

#include "ui/audio/QtAudioDevices.hpp"
#include "ui/audio/QtAudioStream.hpp"

#include <QCoreApplication>
#include <QThread>

#include <algorithm>
#include <chrono>
#include <future>
#include <memory>

namespace govox::ui {
namespace {

QAudioFormat stereo(int rate, QAudioFormat::SampleFormat format) {
    QAudioFormat f;
    f.setSampleRate(rate);
    f.setChannelCount(2);
    f.setChannelConfig(QAudioFormat::ChannelConfigStereo);
    f.setSampleFormat(format);
    return f;
}

// Float if the device takes it at `rate`, else int16; false if neither.
bool pickFormat(const QAudioDevice& device, int rate, QtStreamPlan& out) {
    for (const auto format : {QAudioFormat::Float, QAudioFormat::Int16}) {
        const QAudioFormat f = stereo(rate, format);
        if (!device.isFormatSupported(f)) continue;
        out.format = f;
        out.sampleFormat = format == QAudioFormat::Float ? QtAudioPullDevice::SampleFormat::Float32
                                                         : QtAudioPullDevice::SampleFormat::Int16;
        return true;
    }
    return false;
}

std::unique_ptr<backend::AudioBackend> makeQtAudioBackend() {
    return std::make_unique<QtAudioBackend>();
}

} // namespace

QtAudioBackend::QtAudioBackend() = default;

QtAudioBackend::~QtAudioBackend() {
    stop();
}

std::string QtAudioBackend::plan(const backend::StreamRequest& request, QtStreamPlan& out) const {
    const std::string name = out.device.description().toStdString();
    const int asked = static_cast<int>(request.sampleRate);
    if (!pickFormat(out.device, asked, out) &&
        !pickFormat(out.device, out.device.preferredFormat().sampleRate(), out))
        return "Qt Multimedia: '" + name + "' cannot play stereo float or 16-bit audio at " +
               std::to_string(asked) + " Hz (it plays " +
               std::to_string(out.device.minimumSampleRate()) + " to " +
               std::to_string(out.device.maximumSampleRate()) + " Hz)";
    const auto rate = static_cast<std::uint32_t>(out.format.sampleRate());
    out.blockFrames = request.bufferFrames;
    out.deviceBufferFrames = std::max(request.bufferFrames, rate * kMinBufferMs / 1000);
    return {};
}

std::string QtAudioBackend::start(const backend::StreamRequest& request,
                                  rt::AudioCallback& callback) {
    QAudioDevice device;
    if (std::string error = findQtAudioOutput(request.device, device); !error.empty()) return error;
    return start(device, request, callback);
}

std::string QtAudioBackend::start(const QAudioDevice& device, const backend::StreamRequest& request,
                                  rt::AudioCallback& callback) {
    if (thread_) return "Qt Multimedia: already running; stop it first";
    if (QCoreApplication::instance() == nullptr)
        return "Qt Multimedia: needs a running Qt application (QCoreApplication)";
    if (request.sampleRate == 0) return "Qt Multimedia: the sample rate must be above 0 Hz";
    if (request.bufferFrames == 0 || request.bufferFrames > kMaxBlockFrames)
        return "Qt Multimedia: the buffer must be 1 to " + std::to_string(kMaxBlockFrames) +
               " frames";
    failure_.clear();
    QtStreamPlan plan;
    plan.device = device;
    if (std::string error = this->plan(request, plan); !error.empty()) return error;
    if (std::string error = open(plan, callback); !error.empty()) return error;
    info_ = backend::StreamInfo{};
    info_.backend = backend::backendName(backend::BackendKind::Qt);
    info_.device = plan.device.description().toStdString();
    info_.sampleRate = static_cast<std::uint32_t>(plan.format.sampleRate());
    info_.bufferFrames = stream_->grantedBufferFrames();
    return {};
}

// Starts the audio thread and opens the sink on it, waiting kOpenTimeoutMs at most.
std::string QtAudioBackend::open(const QtStreamPlan& plan, rt::AudioCallback& callback) {
    thread_ = std::make_unique<QThread>();
    thread_->setObjectName(QStringLiteral("govox-qt-audio"));
    stream_ = new QtAudioStream(callback, plan);
    stream_->moveToThread(thread_.get());
    QObject::connect(thread_.get(), &QThread::finished, stream_, &QObject::deleteLater);
    thread_->start();
    auto opened = std::make_shared<std::promise<std::string>>();
    std::future<std::string> result = opened->get_future();
    QMetaObject::invokeMethod(
        stream_, [stream = stream_, opened] { opened->set_value(stream->open()); },
        Qt::QueuedConnection);
    if (result.wait_for(std::chrono::milliseconds(kOpenTimeoutMs)) != std::future_status::ready) {
        stream_->abandon();
        (void)thread_.release(); // deliberately leaked with its stream: see the header
        stream_ = nullptr;
        return "Qt Multimedia: '" + plan.device.description().toStdString() +
               "' did not open within " + std::to_string(kOpenTimeoutMs / 1000) +
               " s (was it just unplugged?)";
    }
    if (std::string error = result.get(); !error.empty()) {
        stop();
        failure_.clear(); // a stream that never opened has not failed since
        return error;
    }
    return {};
}

void QtAudioBackend::stop() {
    if (!thread_) return;
    failure_ = stream_->failure();
    QtAudioStream* stream = stream_;
    QMetaObject::invokeMethod(stream, [stream] { stream->close(); }, Qt::BlockingQueuedConnection);
    thread_->quit();
    thread_->wait(); // the finished thread deletes the stream (deleteLater above)
    stream_ = nullptr;
    thread_.reset();
}

bool QtAudioBackend::running() const {
    return thread_ && !stream_->failed();
}

std::string QtAudioBackend::lastError() const {
    return stream_ ? stream_->failure() : failure_;
}

void registerQtAudioBackend() {
    backend::registerBackend(backend::BackendKind::Qt, &makeQtAudioBackend, &listQtAudioOutputs);
}

} // namespace govox::ui
