// AudioEngine.hpp - the engine as an application uses it: one Mixer playing through one
// audio backend, started with fallback to the other backends when the chosen one cannot
// open (no JACK server, no such device), and saying so.
//
// Threads: start/stop/status/mixer/startTap/stopTap on one control thread. The region
// calls (attach, crossfade, detach, collect, attached, regionMixer) may come from several
// non-real-time threads (the UI, a reload worker): a mutex makes them one producer for the
// Mixer's command queue. The stream's clock and shape (frame, sampleRate, maxBlockFrames,
// stats) may be read from any thread (MIDI, a reload worker) while it runs; whoever uses
// the engine from other threads stops doing so before the control thread calls start()
// or stop() (a voice session is stopped first). The audio thread never takes the mutex.
#pragma once

#include "engine/backend/AudioBackend.hpp"
#include "engine/rt/Mixer.hpp"
#include "engine/shm/Region.hpp"

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace govox::audio {

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
    // Why a stream that started has stopped by itself (device unplugged, server gone).
    std::string streamError() const { return backend_ ? backend_->lastError() : std::string{}; }

    const EngineStatus& status() const noexcept { return status_; }
    // Null while stopped. Regions added to it are dropped by stop() or a restart.
    rt::Mixer* mixer() noexcept { return mixer_.get(); }

    // The engine's clock: frames rendered since the stream started; 0 while stopped.
    std::uint64_t frame() const noexcept;
    // The frame a live event that happened at `at` takes effect at: one host buffer after
    // it (rt/FrameClock.hpp). frame() while stopped or before the first callback.
    std::uint64_t scheduleFrame(const rt::EventTime& at) const noexcept;
    // The scheduling delay of live events in frames: the host buffer; 0 while stopped.
    std::uint32_t schedulingDelayFrames() const noexcept;
    // The stream's rate and the mixer's largest block; 0 while stopped.
    std::uint32_t sampleRate() const noexcept;
    std::uint32_t maxBlockFrames() const noexcept;
    // The mixer's counters (callbacks, xruns, load, peaks); null while stopped.
    const rt::MixerStats* stats() const noexcept;

    // Regions to mix, shared with the voice hosts writing them: the engine keeps each
    // one alive until it has faded out of the mixer. Each returns the region's id in the
    // mixer, or 0 when the engine is stopped or too busy to take the command.
    std::uint32_t attach(std::shared_ptr<shm::Region> region, std::uint32_t fadeInFrames);
    // Fades `fromId` out and `to` in over the same frames (hot reload, host restarts).
    std::uint32_t crossfade(std::uint32_t fromId, std::shared_ptr<shm::Region> to,
                            std::uint32_t frames);
    void detach(std::uint32_t id, std::uint32_t fadeOutFrames);
    // Frees what has faded out. Call regularly from the control thread.
    void collect();
    // True until the region has faded out and been collected.
    bool attached(std::uint32_t id) const;
    // The audio thread's meters for a region; null once it is gone.
    const rt::RegionMixer* regionMixer(std::uint32_t id) const;

    // A copy of the output from now on (recording, tests); capacityFrames a power of two.
    // Drain it with OutputTap::read faster than it fills. Control thread.
    std::shared_ptr<rt::OutputTap> startTap(std::uint32_t capacityFrames);
    // Detaches the tap; it is released once no callback can still be writing it.
    void stopTap();
    // Latency of a change to a sounding note: host buffer + device + ring fill, in
    // milliseconds (at most: the change lands on its frame when the voice has not
    // rendered that far).
    double latencyMs(std::uint32_t ringTargetFrames) const noexcept;
    // Latency of a note-on: the scheduling delay (one host buffer) + device, in ms.
    double noteLatencyMs() const noexcept { return latencyMs(0); }

private:
    std::string tryStart(backend::BackendKind kind, const EngineConfig& config);

    struct Attached {
        std::shared_ptr<shm::Region> region;
        const rt::RegionMixer* mixer = nullptr; // owned by the Mixer until collected
    };

    std::unique_ptr<rt::Mixer> mixer_;
    std::atomic<const rt::Mixer*> running_{nullptr}; // mixer_ while a stream plays it
    std::unique_ptr<backend::AudioBackend> backend_;
    EngineStatus status_;
    mutable std::mutex regionsMutex_;
    std::map<std::uint32_t, Attached> attached_;
    std::shared_ptr<rt::OutputTap> tap_;
    std::vector<std::shared_ptr<rt::OutputTap>> retiredTaps_;
};

// The live backends in the order a fallback tries them after `first`.
std::vector<backend::BackendKind> fallbackOrder(backend::BackendKind first);

} // namespace govox::audio
