// ToneVoiceHost.hpp - a voice host written in C++ that plays sine tones.
//
// Aims
// - Follows the slot protocol of govox_abi.h exactly as a Go voice host must (claim a
//   FREE slot, write the first block, ACTIVE, RELEASING, FINISHED, answer the engine's
//   STOP_REQUESTED), so that the engine, its tests, its benchmarks and `govox tone` can
//   run before and without Go.
// - Runs in the engine's process on its own thread, or in a child process attached to the
//   same memfd (the two-process tests), or is driven step by step by a test (fillOnce).
//
// Threads: noteOn/noteOff/fillOnce may be called from any threads (a mutex serialises
// them; this is host-side code, never the audio thread). The fill thread calls fillOnce.
#pragma once

#include "engine/abi/govox_abi.h"
#include "engine/rt/FrameRing.hpp"
#include "engine/shm/Region.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace govox::standin {

struct Tone {
    double frequency = 440.0;
    float amplitude = 0.5f;
    govox_priority priority = GOVOX_PRIORITY_HIGH;
    float pan = 0.0f;
    float attackMs = 5.0f;
    float releaseMs = 50.0f;
};

class ToneVoiceHost {
public:
    explicit ToneVoiceHost(shm::Region& region);
    ~ToneVoiceHost();
    ToneVoiceHost(const ToneVoiceHost&) = delete;
    ToneVoiceHost& operator=(const ToneVoiceHost&) = delete;

    // Starts a tone in slot `voice` and writes its first block at once. False when the
    // slot is not FREE (still finishing a previous note).
    bool noteOn(std::uint32_t voice, const Tone& tone);
    // Starts the release; the voice writes FINISHED after its last frame.
    void noteOff(std::uint32_t voice);
    // Tops every sounding voice up to the region's ring target and answers stop requests.
    // Returns the frames written.
    std::uint32_t fillOnce();
    // Sets host_state READY and beats the heartbeat: what a real host does once started.
    void markReady();

    // Calls fillOnce every `period` on a thread of its own until stopThread().
    void startThread(std::chrono::microseconds period = std::chrono::microseconds(1000));
    void stopThread();

private:
    enum class Phase { Idle, Sounding, Releasing };
    struct Voice {
        rt::FrameRingWriter writer;
        Phase phase = Phase::Idle;
        Tone tone;
        double phaseAcc = 0.0; // radians
        float envelope = 0.0f;
        bool firstBlock = false;
    };

    std::uint32_t fillVoice(std::uint32_t index, Voice& v);
    std::uint32_t render(Voice& v, std::uint32_t frames);

    shm::Region& region_;
    std::mutex mutex_;
    std::vector<Voice> voices_;
    std::vector<float> scratch_;
    double sampleRate_;
    std::atomic<bool> running_{false};
    std::mutex wakeMutex_;
    std::condition_variable wake_;
    std::thread thread_;
};

} // namespace govox::standin
