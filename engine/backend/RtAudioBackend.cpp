#include "engine/backend/RtAudioBackend.hpp"

#include "engine/backend/RtAudioDevices.hpp"

#include <RtAudio.h>

#include <algorithm>
#include <exception>

namespace govox::backend {
namespace {

// What RtAudio calls on its audio thread. The buffer is non-interleaved: `frames` left
// samples, then `frames` right samples.
int onAudio(void* output, void* /*input*/, unsigned int frames, double /*streamTime*/,
            RtAudioStreamStatus status, void* user) noexcept GOVOX_NONBLOCKING {
    auto& callback = *static_cast<rt::AudioCallback*>(user);
    if ((status & RTAUDIO_OUTPUT_UNDERFLOW) != 0) callback.xrun();
    float* left = static_cast<float*>(output);
    callback.render(left, left + frames, frames);
    return 0;
}

// RtAudio prefixes its messages with the function that failed ("RtApiAlsa::probeDeviceOpen:
// ..."), which means nothing to a user; the rest of the text is worth keeping.
std::string withoutRtApiPrefix(const std::string& what) {
    if (what.rfind("RtApi", 0) != 0) return what;
    const std::size_t colon = what.find(": ");
    return colon == std::string::npos ? what : what.substr(colon + 2);
}

std::string describe(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return withoutRtApiPrefix(e.what());
    } catch (...) {
        return "unknown error";
    }
}

} // namespace

RtAudioBackend::RtAudioBackend(BackendKind kind) : kind_(kind) {}

RtAudioBackend::~RtAudioBackend() {
    stop();
}

std::string RtAudioBackend::start(const StreamRequest& request, rt::AudioCallback& callback) {
    const std::string name = rtaudio::displayName(kind_);
    if (audio_) return name + ": already running; stop it first";
    if (request.sampleRate == 0) return name + ": the sample rate must be above 0 Hz";
    failure_.clear();
    std::string error;
    audio_ = rtaudio::makeRtAudio(kind_, error);
    if (!audio_) return error;
    error = open(request, callback);
    if (!error.empty()) audio_.reset(); // closes what did open; not a failure of a stream
    return error;
}

std::string RtAudioBackend::open(const StreamRequest& request, rt::AudioCallback& callback) {
    const std::string name = rtaudio::displayName(kind_);
    rtaudio::OutputDevice device;
    if (std::string error = rtaudio::findOutput(*audio_, kind_, request.device, device);
        !error.empty())
        return error;

    RtAudio::StreamParameters output;
    output.deviceId = device.id;
    output.nChannels = 2;
    output.firstChannel = 0;
    RtAudio::StreamOptions options;
    options.flags = RTAUDIO_NONINTERLEAVED | RTAUDIO_SCHEDULE_REALTIME;
    options.streamName = request.clientName;
    // Below JACK's own threads and the kernel's audio interrupts (rtirq uses 80-90);
    // RtAudio falls back to normal scheduling when it may not raise the priority.
    options.priority = 70;
    unsigned int frames = request.bufferFrames;
    try {
        audio_->openStream(&output, nullptr, RTAUDIO_FLOAT32, request.sampleRate, &frames, &onAudio,
                           &callback, &options);
        info_ = StreamInfo{};
        info_.backend = backendName(kind_);
        info_.device = device.info.name;
        info_.sampleRate = audio_->getStreamSampleRate();
        info_.bufferFrames = frames;
        info_.outputLatencyFrames =
            static_cast<std::uint32_t>(std::clamp<long>(audio_->getStreamLatency(), 0, 0x7fffffff));
        audio_->startStream();
    } catch (...) {
        return name + ": cannot play to '" + device.info.name + "' at " +
               std::to_string(request.sampleRate) + " Hz with " +
               std::to_string(request.bufferFrames) +
               "-frame buffers: " + describe(std::current_exception());
    }
    return {};
}

void RtAudioBackend::stop() {
    if (!audio_) return;
    failure_ = lastError();
    // abortStream() skips draining; closing joins RtAudio's thread, which is what guarantees the
    // callback has returned for good.
    try {
        if (audio_->isStreamRunning()) audio_->abortStream();
    } catch (...) { // the stream is going away regardless
    }
    try {
        if (audio_->isStreamOpen()) audio_->closeStream();
    } catch (...) {
    }
    audio_.reset();
}

bool RtAudioBackend::running() const {
    return audio_ && audio_->isStreamRunning();
}

StreamInfo RtAudioBackend::info() const {
    return info_;
}

std::string RtAudioBackend::lastError() const {
    if (audio_ && !audio_->isStreamOpen())
        return std::string(rtaudio::displayName(kind_)) +
               ": the stream was closed by the audio system";
    return failure_;
}

} // namespace govox::backend
