// OutputTap.hpp - a copy of the engine's output for a non-real-time reader: recording
// to a file, tests that check what was played, level meters that need the waveform.
//
// The audio thread writes each block (interleaved) into a ring this object owns; when
// the reader falls behind, blocks are dropped and counted rather than waited for.
//
// Threads: the audio thread calls write(); one other thread calls read() and dropped().
#pragma once

#include "engine/rt/LocalFrameRing.hpp"
#include "engine/rt/RealtimeAttributes.hpp"

#include <atomic>
#include <cstdint>
#include <vector>

namespace govox::rt {

class OutputTap {
public:
    // capacityFrames: a power of two; maxBlockFrames: the largest block write() gets.
    OutputTap(std::uint32_t capacityFrames, std::uint32_t maxBlockFrames)
        : ring_(capacityFrames), writer_(ring_.writer()), reader_(ring_.reader()),
          scratch_(std::size_t{maxBlockFrames} * kChannels) {}

    // Audio thread.
    void write(const float* left, const float* right,
               std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
        if (frames * kChannels > scratch_.size())
            frames = static_cast<std::uint32_t>(scratch_.size() / kChannels);
        for (std::uint32_t i = 0; i < frames; ++i) {
            scratch_[2 * i] = left[i];
            scratch_[2 * i + 1] = right[i];
        }
        if (writer_.space() < frames) {
            dropped_.fetch_add(frames, std::memory_order_relaxed);
            return;
        }
        writer_.write(scratch_.data(), frames);
    }

    // Reader thread: copies up to `frames` interleaved frames; returns how many.
    std::uint32_t read(float* interleaved, std::uint32_t frames) noexcept {
        return reader_.read(interleaved, frames);
    }
    std::uint64_t dropped() const noexcept { return dropped_.load(std::memory_order_relaxed); }

private:
    LocalFrameRing ring_;
    FrameRingWriter writer_;
    FrameRingReader reader_;
    std::vector<float> scratch_;
    std::atomic<std::uint64_t> dropped_{0};
};

} // namespace govox::rt
