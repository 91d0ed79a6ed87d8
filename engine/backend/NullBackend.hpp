// NullBackend.hpp - plays to nowhere, in real time: for machines without audio.
//
// Aims
// - Keep the engine's clock running at the real rate, so voice hosts, meters and the UI
//   behave as with a sound card (headless servers, CI, a laptop with audio switched off).
// - Pace by absolute deadlines (clock_nanosleep with TIMER_ABSTIME on CLOCK_MONOTONIC),
//   computed from the frames rendered so far, so sleep overshoot never accumulates into
//   drift. A thread that falls more than one period behind counts an xrun and starts
//   counting afresh from now instead of rushing to catch up.
//
// Threads: start/stop/running/info on one control thread. render() and xrun() are called
// on the backend's own thread (SCHED_FIFO 70 when allowed, like a device). start() allocates the
// two channel buffers and the thread; the loop allocates nothing.
#pragma once

#include "engine/backend/AudioBackend.hpp"

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace govox::backend {

class NullBackend final : public AudioBackend {
public:
    static constexpr std::uint32_t kMaxBufferFrames = 16384;

    NullBackend() = default;
    ~NullBackend() override; // stops
    NullBackend(const NullBackend&) = delete;
    NullBackend& operator=(const NullBackend&) = delete;

    // Needs a sample rate of at least 1000 Hz and 1..kMaxBufferFrames frames per block.
    // The first block is rendered at once, as a device asks for its first buffer.
    std::string start(const StreamRequest& request, rt::AudioCallback& callback) override;
    // Joins the thread: waits at most one period for the current sleep to end.
    void stop() override;
    bool running() const override { return thread_.joinable(); }
    StreamInfo info() const override { return info_; }

private:
    void run(rt::AudioCallback& callback);

    StreamInfo info_;
    std::vector<float> left_;
    std::vector<float> right_;
    std::atomic<bool> stopRequested_{false};
    std::thread thread_;
};

} // namespace govox::backend
