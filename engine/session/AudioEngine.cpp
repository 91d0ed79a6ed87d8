#include "engine/session/AudioEngine.hpp"

#include <algorithm>

namespace govox::session {

std::vector<backend::BackendKind> fallbackOrder(backend::BackendKind first) {
    using backend::BackendKind;
    std::vector<BackendKind> order{first};
    for (BackendKind k : {BackendKind::Jack, BackendKind::Pulse, BackendKind::Alsa,
                          BackendKind::Null})
        if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
    return order;
}

AudioEngine::~AudioEngine() { stop(); }

std::string AudioEngine::start(const EngineConfig& config) {
    stop();
    status_ = {};
    const auto order = config.fallback ? fallbackOrder(config.backend)
                                       : std::vector<backend::BackendKind>{config.backend};
    std::string failures;
    for (backend::BackendKind kind : order) {
        const std::string error = tryStart(kind, config);
        if (error.empty()) {
            if (!failures.empty())
                status_.notice = failures + "; playing through " +
                                 backend::backendName(kind) + " instead";
            return {};
        }
        failures += (failures.empty() ? "" : "; ") + error;
    }
    return "no audio output could be opened: " + failures;
}

std::string AudioEngine::tryStart(backend::BackendKind kind, const EngineConfig& config) {
    backend_ = backend::makeBackend(kind);
    std::uint32_t rate = config.stream.sampleRate;
    for (int attempt = 0; attempt < 2; ++attempt) {
        mixer_ = std::make_unique<rt::Mixer>(rt::MixerConfig{
            .sampleRate = rate,
            .maxBlockFrames = std::max<std::uint32_t>(config.stream.bufferFrames, 256),
            .voiceFadeMs = config.voiceFadeMs});
        std::string error = backend_->start(config.stream, *mixer_);
        if (!error.empty()) {
            backend_.reset();
            mixer_.reset();
            return error;
        }
        status_.stream = backend_->info();
        if (status_.stream.sampleRate == rate || status_.stream.sampleRate == 0) return {};
        rate = status_.stream.sampleRate; // the device insisted on another rate: follow it
        backend_->stop();
    }
    return std::string(backend::backendName(kind)) + ": sample rate keeps changing";
}

void AudioEngine::stop() {
    if (backend_) backend_->stop();
    backend_.reset();
    mixer_.reset();
}

bool AudioEngine::running() const { return backend_ && backend_->running(); }

double AudioEngine::latencyMs(std::uint32_t ringTargetFrames) const noexcept {
    const auto& s = status_.stream;
    if (s.sampleRate == 0) return 0.0;
    return 1000.0 * double(s.bufferFrames + s.outputLatencyFrames + ringTargetFrames) /
           double(s.sampleRate);
}

} // namespace govox::session
