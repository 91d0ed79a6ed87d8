// The null backend: real-time pacing without a sound card, clean stop, xrun resync.
#include "engine/backend/AudioBackend.hpp"
#include "engine/rt/MonotonicClock.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

namespace govox::backend {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint32_t kRate = 48000;
constexpr std::uint32_t kBlock = 256;
constexpr std::uint64_t kPeriodNs = 1'000'000'000ull * kBlock / kRate; // 5.33 ms

// Counts what the backend does; can stall once to provoke an xrun. Records the time of
// the first callbacks into preallocated storage.
class Recorder final : public rt::AudioCallback {
public:
    static constexpr std::size_t kStamps = 4096;

    void render(float* left, float* right,
                std::uint32_t frames) noexcept GOVOX_NONBLOCKING override {
        const std::uint64_t now = rt::monotonicNs();
        const std::uint64_t index = callbacks.load(std::memory_order_relaxed);
        if (index < kStamps) stamps[index] = now;
        if (stopped.load(std::memory_order_relaxed)) late.fetch_add(1);
        for (std::uint32_t i = 0; i < frames; ++i) left[i] = right[i] = 0.0f;
        if (index == stallAt) // busy, as a callback that overran would be
            while (rt::monotonicNs() - now < stallNs) {
            }
        frames_.fetch_add(frames, std::memory_order_relaxed);
        callbacks.fetch_add(1, std::memory_order_release);
    }
    void xrun() noexcept GOVOX_NONBLOCKING override { xruns.fetch_add(1); }

    std::uint64_t frames() const { return frames_.load(std::memory_order_acquire); }

    std::atomic<std::uint64_t> callbacks{0};
    std::atomic<std::uint64_t> xruns{0};
    std::atomic<std::uint64_t> late{0};
    std::atomic<bool> stopped{false};
    std::uint64_t stallAt = ~0ull;
    std::uint64_t stallNs = 0;
    std::array<std::uint64_t, kStamps> stamps{};

private:
    std::atomic<std::uint64_t> frames_{0};
};

StreamRequest nullRequest() {
    StreamRequest r;
    r.sampleRate = kRate;
    r.bufferFrames = kBlock;
    return r;
}

// Polls `done` until it holds or `limit` has passed; returns whether it held.
template <class Predicate>
bool waitFor(Predicate done, std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    while (!done()) {
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

TEST(NullBackend, PacesCallbacksInRealTime) {
    Recorder recorder;
    auto backend = makeBackend(BackendKind::Null);
    const auto started = Clock::now();
    ASSERT_EQ(backend->start(nullRequest(), recorder), "");
    EXPECT_TRUE(backend->running());
    const std::uint64_t target = kRate / 2; // 0.5 s
    ASSERT_TRUE(waitFor([&] { return recorder.frames() >= target; }, std::chrono::seconds(5)));
    const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
    const std::uint64_t frames = recorder.frames();
    // The first block is due at once, so real time covers all but one block.
    const double ratio = static_cast<double>(frames - kBlock) / kRate / elapsed;
    std::printf("[ measured ] null: %llu frames in %.4f s, %.3f x real time, %llu xruns\n",
                static_cast<unsigned long long>(frames), elapsed, ratio,
                static_cast<unsigned long long>(recorder.xruns.load()));
    EXPECT_NEAR(ratio, 1.0, 0.2);
    EXPECT_EQ(backend->info().sampleRate, kRate);
    EXPECT_EQ(backend->info().bufferFrames, kBlock);
    EXPECT_EQ(backend->info().backend, "null");
}

TEST(NullBackend, NoCallbackAfterStopReturns) {
    Recorder recorder;
    auto backend = makeBackend(BackendKind::Null);
    ASSERT_EQ(backend->start(nullRequest(), recorder), "");
    ASSERT_TRUE(waitFor([&] { return recorder.callbacks.load() >= 10; }, std::chrono::seconds(5)));
    const auto before = Clock::now();
    backend->stop();
    const double stopSeconds = std::chrono::duration<double>(Clock::now() - before).count();
    recorder.stopped.store(true);
    const std::uint64_t atStop = recorder.callbacks.load();
    EXPECT_FALSE(backend->running());
    EXPECT_LT(stopSeconds, 0.5); // at most one period of sleep to finish
    // Absence can only be observed over time: give it twenty periods.
    std::this_thread::sleep_for(std::chrono::nanoseconds(20 * kPeriodNs));
    EXPECT_EQ(recorder.callbacks.load(), atStop);
    EXPECT_EQ(recorder.late.load(), 0u);
    // And it starts again.
    ASSERT_EQ(backend->start(nullRequest(), recorder), "");
    EXPECT_TRUE(
        waitFor([&] { return recorder.callbacks.load() > atStop; }, std::chrono::seconds(5)));
    backend->stop();
}

TEST(NullBackend, StalledCallbackCountsAnXrunAndResynchronises) {
    Recorder recorder;
    recorder.stallAt = 5;
    recorder.stallNs = 40 * kPeriodNs; // 213 ms
    auto backend = makeBackend(BackendKind::Null);
    ASSERT_EQ(backend->start(nullRequest(), recorder), "");
    ASSERT_TRUE(waitFor([&] { return recorder.callbacks.load() >= 30; }, std::chrono::seconds(5)));
    backend->stop();
    EXPECT_GE(recorder.xruns.load(), 1u);
    // Resynchronised: the stall is not followed by a burst of blocks catching up
    // (without the resync, some 40 blocks would follow at once).
    const std::uint64_t stallEnd = recorder.stamps[6];
    int soon = 0;
    for (std::size_t i = 6; i < 30; ++i)
        if (recorder.stamps[i] - stallEnd < 2 * kPeriodNs) ++soon;
    std::printf("[ measured ] null: %d blocks within two periods after a stall, %llu xruns\n", soon,
                static_cast<unsigned long long>(recorder.xruns.load()));
    EXPECT_LE(soon, 3);
}

TEST(NullBackend, RejectsImpossibleRequests) {
    Recorder recorder;
    auto backend = makeBackend(BackendKind::Null);
    StreamRequest r = nullRequest();
    r.bufferFrames = 0;
    EXPECT_NE(backend->start(r, recorder), "");
    r = nullRequest();
    r.sampleRate = 0;
    EXPECT_NE(backend->start(r, recorder), "");
    EXPECT_FALSE(backend->running());
    ASSERT_EQ(backend->start(nullRequest(), recorder), "");
    EXPECT_NE(backend->start(nullRequest(), recorder), "") << "already running";
}

} // namespace
} // namespace govox::backend
