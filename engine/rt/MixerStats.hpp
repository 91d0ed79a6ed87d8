// MixerStats.hpp - figures the audio thread publishes for the UI and the command line.
//
// Written by the audio thread with relaxed atomic stores (xruns by the backend's thread),
// read by anyone on a timer. Counters only grow; levels describe the last block.
//
// Threads: written by the audio thread (xruns by the backend's), read by any thread.
#pragma once

#include "engine/rt/CallbackLoad.hpp"

#include <atomic>
#include <cstdint>

namespace govox::rt {

struct MixerStats {
    std::atomic<std::uint64_t> callbacks{0};
    std::atomic<std::uint64_t> engineFrame{0}; // frames played: the event timestamp clock
    std::atomic<std::uint64_t> xruns{0};       // reported by the audio backend
    std::atomic<std::uint64_t> underruns{0};   // summed over every voice of every region
    std::atomic<std::uint64_t> nonfiniteBlocks{0};
    std::atomic<std::uint64_t> corruptions{0};
    std::atomic<std::uint64_t> lateStarts{0}; // notes the host started after their frame
    std::atomic<std::uint32_t> soundingVoices{0};
    std::atomic<std::uint32_t> regions{0};
    std::atomic<std::uint32_t> periodNs{0}; // duration of the last callback's audio
    std::atomic<float> peakLeft{0.0f};      // of the last callback, after the limiter
    std::atomic<float> peakRight{0.0f};
    std::atomic<float> limiterGain{1.0f}; // lowest gain of the last callback
    CallbackLoadFigures load;
};

static_assert(std::atomic<float>::is_always_lock_free);

} // namespace govox::rt
