// TimedCallback.hpp - an audio callback that times the Mixer it wraps, every call.
//
// The Mixer's own CallbackLoad publishes a p99 per one-second window; a soak wants the
// exact distribution over its whole measured window, so this keeps every duration in a
// buffer sized before the stream starts.
//
// Threads: render() and xrun() on the backend's thread; record()/stop()/durations() on
// the control thread. Recording is switched with an atomic flag; the control thread reads
// the buffer only after stop() has seen the audio thread finish its current call.
#pragma once

#include "engine/rt/Mixer.hpp"
#include "engine/rt/MonotonicClock.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

namespace govox::bench {

class TimedCallback final : public rt::AudioCallback {
public:
    TimedCallback(rt::Mixer& mixer, std::size_t maxCallbacks) : mixer_(mixer), ns_(maxCallbacks) {}

    void render(float* left, float* right,
                std::uint32_t frames) noexcept GOVOX_NONBLOCKING override {
        inside_.store(true); // seq_cst with the flag below: stop() cannot miss a write
        const std::uint64_t t0 = rt::monotonicNs();
        mixer_.process(left, right, frames);
        const std::uint64_t t1 = rt::monotonicNs();
        if (recording_.load()) {
            const std::size_t n = count_.load(std::memory_order_relaxed);
            if (n < ns_.size()) {
                ns_[n] = static_cast<std::uint32_t>(t1 - t0);
                count_.store(n + 1, std::memory_order_release);
            }
        }
        inside_.store(false);
    }
    void xrun() noexcept GOVOX_NONBLOCKING override { mixer_.countXrun(); }

    // Starts a fresh record of callback durations.
    void record() {
        count_.store(0, std::memory_order_relaxed);
        recording_.store(true);
    }
    // Stops recording and returns the durations in ns, one per callback.
    std::vector<std::uint32_t> stop() {
        recording_.store(false);
        while (inside_.load()) std::this_thread::sleep_for(std::chrono::microseconds(100));
        const std::size_t n = count_.load(std::memory_order_acquire);
        return {ns_.begin(), ns_.begin() + static_cast<std::ptrdiff_t>(n)};
    }

private:
    rt::Mixer& mixer_;
    std::vector<std::uint32_t> ns_;
    std::atomic<std::size_t> count_{0};
    std::atomic<bool> recording_{false};
    std::atomic<bool> inside_{false};
};

} // namespace govox::bench
