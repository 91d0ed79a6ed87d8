// AudioEngine.hpp - the engine as an application uses it: one Mixer playing through one
// audio backend, started with fallback to the other backends when the chosen one cannot
// open (no JACK server, no such device), and saying so.
//
// Threads: every member on one control thread. The Mixer it hands out is shared with the
// audio thread under the Mixer's own rules.
#pragma once

#include "engine/backend/AudioBackend.hpp"
#include "engine/rt/Mixer.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace govox::session {

struct EngineConfig {
    backend::BackendKind backend = backend::BackendKind::Jack;
    bool fallback = true; // try the other live backends, ending with null
    backend::StreamRequest stream;
    float voiceFadeMs = 3.0f;
};

struct EngineStatus {
    backend::StreamInfo stream;
    std::string notice; // why another backend than the one asked for is playing
};

class AudioEngine {
public:
    AudioEngine() = default;
    ~AudioEngine();
    AudioEngine(const AudioEngine&) = delete;
    AudioEngine& operator=(const AudioEngine&) = delete;

    // Starts playing silence (until regions are added). Returns why nothing could start,
    // or an empty string. A running engine is stopped first.
    std::string start(const EngineConfig& config);
    void stop();
    bool running() const;

    const EngineStatus& status() const noexcept { return status_; }
    // Null while stopped. Regions added to it are dropped by stop() or a restart.
    rt::Mixer* mixer() noexcept { return mixer_.get(); }
    // Latency of a continuing sound: host buffer + device + ring fill, in milliseconds.
    double latencyMs(std::uint32_t ringTargetFrames) const noexcept;

private:
    std::string tryStart(backend::BackendKind kind, const EngineConfig& config);

    std::unique_ptr<rt::Mixer> mixer_;
    std::unique_ptr<backend::AudioBackend> backend_;
    EngineStatus status_;
};

// The live backends in the order a fallback tries them after `first`.
std::vector<backend::BackendKind> fallbackOrder(backend::BackendKind first);

} // namespace govox::session
