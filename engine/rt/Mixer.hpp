// Mixer.hpp - the real-time heart of the engine: sums every attached region's voices,
// applies region fades and crossfades and the safety limiter, and publishes statistics.
//
// Aims
// - process() is the audio callback's whole job. It never allocates, locks, logs, throws
//   or waits (checked by the RealtimeSanitizer build). It takes any block size, working
//   in sub-blocks of at most maxBlockFrames.
// - The control thread changes what is mixed only through a command queue: add a region
//   (optionally fading it in), remove one (fading it out), or crossfade from one region
//   to another in a single step, as hot reload does. Regions that have faded out come
//   back through a second queue, and are freed by collectRetired() off the audio thread
//   (as Tracktion's NodePlayer frees old graphs).
//
// Threads: construct, add/remove/crossfade/collectRetired on one control thread;
// process() on the audio thread; countXrun() on the backend's thread; stats() anywhere.
#pragma once

#include "engine/rt/AudioCallback.hpp"
#include "engine/rt/CallbackLoad.hpp"
#include "engine/rt/FrameClock.hpp"
#include "engine/rt/MixerStats.hpp"
#include "engine/rt/OutputTap.hpp"
#include "engine/rt/RealtimeAttributes.hpp"
#include "engine/rt/RegionFade.hpp"
#include "engine/rt/RegionMixer.hpp"
#include "engine/rt/SafetyLimiter.hpp"
#include "engine/rt/SpscQueue.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace govox::rt {

struct MixerConfig {
    std::uint32_t sampleRate = 48000;
    std::uint32_t maxBlockFrames = 1024;
    float voiceFadeMs = 3.0f;     // underrun and stop fades of single voices
    float limiterCeiling = 0.98f; // linear, about -0.2 dBFS
    float limiterReleaseMs = 50.0f;
};

class Mixer final : public AudioCallback {
public:
    static constexpr std::uint32_t kMaxRegions = 8;

    explicit Mixer(const MixerConfig& config);
    // The audio thread must have stopped calling process(). Frees every region it holds.
    ~Mixer();
    Mixer(const Mixer&) = delete;
    Mixer& operator=(const Mixer&) = delete;

    // --- control thread -------------------------------------------------------------
    // A mixer for `region` sized for this Mixer, with a fresh id. Allocates.
    std::unique_ptr<RegionMixer> makeRegionMixer(shm::Region& region);
    // Each returns false, leaving its arguments untouched, when the command queue is full.
    // On success the Mixer owns `region` until collectRetired() hands it back.
    bool add(std::unique_ptr<RegionMixer>& region, std::uint32_t fadeInFrames);
    bool remove(std::uint32_t regionId, std::uint32_t fadeOutFrames);
    bool crossfade(std::uint32_t fromId, std::unique_ptr<RegionMixer>& to, std::uint32_t frames);
    // Regions that have faded out, or could not be added because all slots were taken.
    std::vector<std::unique_ptr<RegionMixer>> collectRetired();

    // Copies every block played from now on into `tap` (null: stop). The previous tap may
    // still be written by a callback in progress: free it only after stats().callbacks
    // has advanced twice, or with the stream stopped.
    void setTap(OutputTap* tap) noexcept { tap_.store(tap, std::memory_order_release); }

    // --- audio thread ---------------------------------------------------------------
    void process(float* left, float* right, std::uint32_t frames) noexcept GOVOX_NONBLOCKING;
    void render(float* left, float* right,
                std::uint32_t frames) noexcept GOVOX_NONBLOCKING override {
        process(left, right, frames);
    }

    // --- any thread -----------------------------------------------------------------
    void countXrun() noexcept GOVOX_NONBLOCKING {
        stats_.xruns.fetch_add(1, std::memory_order_relaxed);
    }
    void xrun() noexcept GOVOX_NONBLOCKING override { countXrun(); }
    // Audio thread, before render(): the JACK cycle this callback belongs to.
    void cycleFrame(std::uint32_t jackFrame) noexcept GOVOX_NONBLOCKING override {
        jackFrame_ = jackFrame;
        jackFrameKnown_ = true;
    }
    const MixerStats& stats() const noexcept { return stats_; }
    // Each callback's first frame and start time, for placing live events (FrameClock.hpp).
    const FrameClock& clock() const noexcept { return clock_; }
    std::uint32_t sampleRate() const noexcept { return config_.sampleRate; }
    std::uint32_t maxBlockFrames() const noexcept { return config_.maxBlockFrames; }
    std::uint32_t voiceFadeFrames() const noexcept { return voiceFadeFrames_; }

private:
    enum class CommandType : std::uint8_t { Add, Remove, Crossfade };
    struct Command {
        CommandType type = CommandType::Add;
        RegionMixer* region = nullptr;
        std::uint32_t regionId = 0;
        std::uint32_t frames = 0;
    };
    struct Slot {
        RegionMixer* region = nullptr;
        RegionFade fade;
    };

    void drainCommands() noexcept GOVOX_NONBLOCKING;
    void addNow(RegionMixer* region, std::uint32_t fadeInFrames) noexcept GOVOX_NONBLOCKING;
    void removeNow(std::uint32_t regionId, std::uint32_t fadeOutFrames) noexcept GOVOX_NONBLOCKING;
    void processBlock(float* left, float* right, std::uint32_t frames) noexcept GOVOX_NONBLOCKING;
    void publish(const float* left, const float* right, std::uint32_t frames, float limiterGain,
                 const MixTally& tally) noexcept GOVOX_NONBLOCKING;

    MixerConfig config_;
    std::uint32_t voiceFadeFrames_;
    std::uint32_t nextRegionId_ = 1; // control thread
    SpscQueue<Command, 64> commands_;
    SpscQueue<RegionMixer*, 64> retired_;
    std::array<Slot, kMaxRegions> slots_{}; // audio thread
    SafetyLimiter limiter_;
    CallbackLoad load_;
    std::uint64_t engineFrame_ = 0;
    std::uint32_t jackFrame_ = 0; // the JACK frame time of this callback's cycle ...
    bool jackFrameKnown_ = false; // ... when a JACK backend said it
    MixerStats stats_;
    FrameClock clock_;
    std::atomic<OutputTap*> tap_{nullptr};
};

} // namespace govox::rt
