// RingRounds.hpp - the two-thread harness of the ring benchmark.
//
// A round moves kBlocksPerRound blocks of 128 stereo float frames (1 MiFrame, 8 MiB) from
// a producer thread to the consumer (the calling thread). Each side transfers whatever
// fits and retries the rest, with the same spin-then-yield back-off for every ring. The
// producer stamps each block's first and last sample with its number; the consumer checks
// only those two samples, which proves the blocks arrived whole and in order.
//
// Threads: a RingLanes is created, driven and destroyed by one thread (the consumer); it
// runs its own producer thread.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <pthread.h>
#include <sched.h>
#include <thread>
#include <tuple>
#include <utility>

namespace govox::bench {

inline constexpr std::uint32_t kBlockFrames = 128;
inline constexpr std::uint32_t kBlockFloats = kBlockFrames * 2;
inline constexpr std::size_t kBlockBytes = kBlockFloats * sizeof(float);
inline constexpr std::uint32_t kBlocksPerRound = 8192;

using Block = std::array<float, kBlockFloats>;

// What a side does while its peer has not made room or data yet.
class Backoff {
public:
    void wait() noexcept {
        if (++spins_ < 64) {
#if defined(__x86_64__) || defined(__i386__)
            __builtin_ia32_pause();
#endif
            return;
        }
        spins_ = 0;
        std::this_thread::yield();
    }
    void reset() noexcept { spins_ = 0; }

private:
    std::uint32_t spins_ = 0;
};

// Sends one round; false if told to quit while waiting for room.
template <class Producer>
bool produceRound(Producer& producer, Block& block, const std::atomic<bool>& quit) {
    Backoff backoff;
    const char* src = reinterpret_cast<const char*>(block.data());
    for (std::uint32_t b = 0; b < kBlocksPerRound; ++b) {
        block.front() = block.back() = static_cast<float>(b);
        for (std::size_t sent = 0; sent < kBlockBytes;) {
            const std::size_t n = producer.push(src + sent, kBlockBytes - sent);
            sent += n;
            if (n != 0) {
                backoff.reset();
            } else {
                if (quit.load(std::memory_order_relaxed)) return false;
                backoff.wait();
            }
        }
    }
    return true;
}

// Receives one round; false when a block arrived damaged or out of order. firstBlock (if
// given) is set to the time the first block had arrived.
template <class Consumer>
bool consumeRound(Consumer& consumer, Block& block,
                  std::chrono::steady_clock::time_point* firstBlock = nullptr) {
    Backoff backoff;
    char* dst = reinterpret_cast<char*>(block.data());
    for (std::uint32_t b = 0; b < kBlocksPerRound; ++b) {
        for (std::size_t got = 0; got < kBlockBytes;) {
            const std::size_t n = consumer.pop(dst + got, kBlockBytes - got);
            got += n;
            if (n != 0)
                backoff.reset();
            else
                backoff.wait();
        }
        const auto stamp = static_cast<float>(b);
        if (block.front() != stamp || block.back() != stamp) return false;
        if (b == 0 && firstBlock != nullptr) *firstBlock = std::chrono::steady_clock::now();
    }
    return true;
}

// The n-th CPU (n = 0, 1, ...) in `allowed`, or -1.
inline int nthCpu(const cpu_set_t& allowed, int n) {
    for (int cpu = 0, seen = 0; cpu < CPU_SETSIZE; ++cpu)
        if (CPU_ISSET(cpu, &allowed) && seen++ == n) return cpu;
    return -1;
}

// Pins the calling thread to `cpu`; false if it cannot be (cpu < 0: no such CPU).
inline bool pinTo(int cpu) {
    if (cpu < 0) return false;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    return pthread_setaffinity_np(pthread_self(), sizeof one, &one) == 0;
}

// Calls f(std::get<which>(t)); nothing when which is out of range.
template <class Tuple, class F, std::size_t... I>
void visitAt(Tuple& t, std::size_t which, F&& f, std::index_sequence<I...>) {
    ((which == I ? (f(std::get<I>(t)), 0) : 0), ...);
}

// One or more rings sharing a single producer thread, which spins (pause, then yield)
// between rounds as it does while a ring is full: one busy producer and one busy consumer
// whichever ring is in use, so that the rings compare under the same scheduling.
template <class... Rings>
class RingLanes {
public:
    RingLanes()
        : consumers_(std::apply([](auto&... r) { return std::tuple{r.consumer()...}; }, rings_)),
          pinned_(pinBothSides()), producer_([this] { produce(); }) {}
    ~RingLanes() {
        quit_.store(true, std::memory_order_relaxed);
        producer_.join();
        if (pinned_) pthread_setaffinity_np(pthread_self(), sizeof before_, &before_);
    }
    RingLanes(const RingLanes&) = delete;
    RingLanes& operator=(const RingLanes&) = delete;

    // Moves one round through ring `which`. Returns the seconds from the first block's
    // arrival to the last's (kBlocksPerRound - 1 blocks, so the producer's start is not
    // counted), or a negative number when a block arrived damaged.
    double round(std::size_t which = 0) {
        command_.store((++rounds_ << 8) | which, std::memory_order_release);
        double seconds = -1.0;
        visitAt(
            consumers_, which,
            [&](auto& consumer) {
                std::chrono::steady_clock::time_point first;
                if (consumeRound(consumer, block_, &first))
                    seconds =
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - first)
                            .count();
            },
            std::index_sequence_for<Rings...>{});
        return seconds;
    }

private:
    // The consumer (this thread) on the first CPU the process may use, the producer on
    // the second; false (nothing pinned) with fewer than two.
    bool pinBothSides() {
        if (pthread_getaffinity_np(pthread_self(), sizeof before_, &before_) != 0) return false;
        return nthCpu(before_, 1) >= 0 && pinTo(nthCpu(before_, 0));
    }

    void produce() {
        if (pinned_) pinTo(nthCpu(before_, 1));
        Block block{};
        block.fill(0.25f);
        auto producers = std::apply([](auto&... r) { return std::tuple{r.producer()...}; }, rings_);
        Backoff backoff;
        for (std::uint64_t seen = 0;;) {
            std::uint64_t command = command_.load(std::memory_order_acquire);
            while (command == seen) {
                if (quit_.load(std::memory_order_relaxed)) return;
                backoff.wait();
                command = command_.load(std::memory_order_acquire);
            }
            seen = command;
            bool done = true;
            visitAt(
                producers, command & 0xff,
                [&](auto& producer) { done = produceRound(producer, block, quit_); },
                std::index_sequence_for<Rings...>{});
            if (!done) return;
        }
    }

    std::tuple<Rings...> rings_;
    std::tuple<typename Rings::Consumer...> consumers_;
    std::uint64_t rounds_ = 0;
    alignas(64) Block block_{};
    alignas(64) std::atomic<std::uint64_t> command_{0}; // round number << 8 | ring index
    alignas(64) std::atomic<bool> quit_{false};
    cpu_set_t before_{};
    bool pinned_ = false;
    std::thread producer_;
};

} // namespace govox::bench
