// SpscQueue.hpp - bounded single-producer single-consumer queue inside one process.
//
// Carries commands from the control thread to the audio thread and retired objects back.
// Capacity is a power of two fixed at compile time; storage is inline, so push and pop
// never allocate. Indices are free-running and sit on separate cache lines.
//
// Threads: push from exactly one thread, pop from exactly one other thread. Both noexcept
// and safe on the audio thread as long as T's copy is.
#pragma once

#include "engine/rt/RealtimeAttributes.hpp"

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace govox::rt {

template <class T, std::uint32_t Capacity>
class SpscQueue {
    static_assert((Capacity & (Capacity - 1)) == 0, "capacity must be a power of two");

public:
    // Returns false, leaving the queue unchanged, when it is full.
    bool push(const T& item) noexcept GOVOX_NONBLOCKING {
        const std::uint32_t w = write_.load(std::memory_order_relaxed);
        if (w - cachedRead_ == Capacity) {
            cachedRead_ = read_.load(std::memory_order_acquire);
            if (w - cachedRead_ == Capacity) return false;
        }
        items_[w & (Capacity - 1)] = item;
        write_.store(w + 1, std::memory_order_release);
        return true;
    }

    bool pop(T& out) noexcept GOVOX_NONBLOCKING {
        const std::uint32_t r = read_.load(std::memory_order_relaxed);
        if (r == cachedWrite_) {
            cachedWrite_ = write_.load(std::memory_order_acquire);
            if (r == cachedWrite_) return false;
        }
        out = items_[r & (Capacity - 1)];
        read_.store(r + 1, std::memory_order_release);
        return true;
    }

private:
    alignas(64) std::atomic<std::uint32_t> write_{0};
    std::uint32_t cachedRead_ = 0; // producer's copy
    alignas(64) std::atomic<std::uint32_t> read_{0};
    std::uint32_t cachedWrite_ = 0; // consumer's copy
    alignas(64) std::array<T, Capacity> items_{};
};

} // namespace govox::rt
