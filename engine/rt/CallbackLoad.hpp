// CallbackLoad.hpp - how long the audio callback takes: last, maximum and 99th
// percentile over a rolling window of about a second.
//
// Durations go into a log-linear histogram (8 bins per octave, about 9% wide), so the
// audio thread only increments a counter per callback; at the end of each window it
// finds the 99th percentile bin, publishes it and clears the histogram. No allocation.
//
// Threads: record() on the audio thread; the published atomics are read anywhere.
#pragma once

#include "engine/rt/RealtimeAttributes.hpp"

#include <array>
#include <atomic>
#include <bit>
#include <cstdint>

namespace govox::rt {

struct CallbackLoadFigures {
    std::atomic<std::uint32_t> lastNs{0};
    std::atomic<std::uint32_t> maxNs{0};       // since start or reset
    std::atomic<std::uint32_t> windowMaxNs{0}; // in the last complete window
    std::atomic<std::uint32_t> windowP99Ns{0}; // in the last complete window
};

class CallbackLoad {
public:
    static constexpr std::uint32_t kSubBins = 8;
    static constexpr std::uint32_t kBins = 33 * kSubBins;

    void setWindow(std::uint32_t callbacks) noexcept { window_ = callbacks ? callbacks : 1; }

    void record(std::uint32_t ns, CallbackLoadFigures& out) noexcept GOVOX_NONBLOCKING {
        ++bins_[binOf(ns)];
        windowMax_ = windowMax_ > ns ? windowMax_ : ns;
        out.lastNs.store(ns, std::memory_order_relaxed);
        if (ns > out.maxNs.load(std::memory_order_relaxed))
            out.maxNs.store(ns, std::memory_order_relaxed);
        if (++count_ < window_) return;
        out.windowP99Ns.store(percentile(99), std::memory_order_relaxed);
        out.windowMaxNs.store(windowMax_, std::memory_order_relaxed);
        bins_.fill(0);
        count_ = 0;
        windowMax_ = 0;
    }

    // Upper edge of the bin holding ns: the histogram never under-reports.
    static std::uint32_t binOf(std::uint32_t ns) noexcept GOVOX_NONBLOCKING {
        if (ns < kSubBins) return ns;
        const std::uint32_t octave = 31u - static_cast<std::uint32_t>(std::countl_zero(ns));
        const std::uint32_t sub = (ns >> (octave - 3)) & (kSubBins - 1);
        return (octave - 2) * kSubBins + sub;
    }
    static std::uint32_t binUpperEdge(std::uint32_t bin) noexcept GOVOX_NONBLOCKING {
        if (bin < kSubBins) return bin;
        const std::uint32_t octave = bin / kSubBins + 2;
        const std::uint32_t sub = bin % kSubBins;
        const std::uint64_t edge = ((std::uint64_t{kSubBins} + sub + 1) << (octave - 3)) - 1;
        return edge > 0xffffffffu ? 0xffffffffu : static_cast<std::uint32_t>(edge);
    }

private:
    std::uint32_t percentile(std::uint32_t p) const noexcept GOVOX_NONBLOCKING {
        const std::uint64_t wanted = (std::uint64_t{count_} * p + 99) / 100;
        std::uint64_t seen = 0;
        for (std::uint32_t b = 0; b < kBins; ++b) {
            seen += bins_[b];
            if (seen >= wanted) return binUpperEdge(b);
        }
        return windowMax_;
    }

    std::array<std::uint32_t, kBins> bins_{};
    std::uint32_t count_ = 0;
    std::uint32_t window_ = 375; // about 1 s of 128-frame callbacks at 48 kHz
    std::uint32_t windowMax_ = 0;
};

} // namespace govox::rt
