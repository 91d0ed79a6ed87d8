// LiveRig.hpp - one Go voice library playing live, as in the app: a govox-voicehost
// process, the engine's Mixer, and a NullBackend that calls it in real time.
//
// Aims
// - The same parts and the same wiring as the app's live path (and as LiveMix in
//   tests/host/voice_host_fault_test.cpp), with nothing simulated: Go renders ahead into
//   the rings, paced by their fill, and the Mixer plays them at the audio clock.
// - snapshot() reads every counter a soak needs at one moment (mixer, per-voice meters,
//   the host's statistics block, the host process's CPU time), so that figures over a
//   window are differences of two snapshots.
//
// Threads: the control thread (the benchmark's main thread). The backend runs its own.
#pragma once

#include "engine/audio/QualityGovernor.hpp"
#include "engine/audio/QualityProbe.hpp"
#include "engine/backend/NullBackend.hpp"
#include "engine/host/VoiceHost.hpp"
#include "engine/rt/Mixer.hpp"
#include "tests/bench/TimedCallback.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace govox::bench {

struct LiveRigConfig {
    std::string name;                  // for messages
    std::string library;               // the built voice
    shm::RegionConfig region;          // slots, ring capacity and target, rate, block size
    std::size_t maxTimedCallbacks = 0; // the longest window callback durations are kept for
};

// Counters at one moment. Counts only grow; the gc_pause figures and heap are the host's
// latest 100 ms window.
struct RigSnapshot {
    double seconds = 0; // steady clock
    std::uint64_t callbacks = 0, xruns = 0, underruns = 0, nonfinite = 0, corruptions = 0;
    std::uint32_t soundingVoices = 0;
    std::uint32_t voicesUnderrun = 0; // voices whose meter shows at least one underrun
    std::uint64_t renderNs = 0, framesRendered = 0, chunksRendered = 0;
    std::uint64_t gcCycles = 0, gcPauseTotalNs = 0, gcPauseP99Ns = 0, gcPauseMaxNs = 0;
    std::uint64_t heapBytes = 0;
    double hostCpuSeconds = 0;  // user + system time of the voice host process
    double selfCpuSeconds = 0;  // of this process (the audio thread, mostly)
    double busySeconds = 0;     // of the whole machine, all CPUs: others' load shows here
    std::uint64_t rewrites = 0; // rollbacks the host made (its rewrite counters, halved)
};

class LiveRig {
public:
    // Starts the host, adds its region to the mixer and starts the stream. On failure
    // returns null and says why in `error`.
    static std::unique_ptr<LiveRig> start(const LiveRigConfig& config, std::string& error);
    ~LiveRig(); // stops the stream, then the host
    LiveRig(const LiveRig&) = delete;
    LiveRig& operator=(const LiveRig&) = delete;

    bool noteOn(std::uint8_t channel, std::uint8_t note, std::uint8_t velocity);
    // A parameter change for one buffer after now, as the app schedules a knob's.
    bool setParam(std::uint32_t index, float value);
    RigSnapshot snapshot() const;
    // Empty while the host is well; otherwise why it is not (crashed, hung).
    std::string hostProblem();
    TimedCallback& timing() noexcept { return timed_; }
    // Steers the host's quality hint as the app's VoiceSession does: the probe reads the
    // figures, the governor chooses, the hint is published. Returns the hint.
    govox_quality steerQuality(audio::QualityGovernor& governor, audio::QualityProbe& probe);

private:
    LiveRig(const LiveRigConfig& config, std::unique_ptr<host::VoiceHost> host);

    // Declaration order is teardown order, reversed: the backend stops first, then the
    // mixer frees its region mixer, then the host goes (its region outlives both).
    std::unique_ptr<host::VoiceHost> host_;
    rt::Mixer mixer_;
    const rt::RegionMixer* regionMixer_ = nullptr;
    TimedCallback timed_;
    backend::NullBackend backend_;
};

} // namespace govox::bench
