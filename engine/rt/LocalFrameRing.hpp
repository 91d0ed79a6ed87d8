// LocalFrameRing.hpp - a FrameRing whose memory this process owns.
//
// For tests, benchmarks and in-process producers: the same reader and writer as the
// shared-memory rings, with the indices on separate pairs of cache lines. Construction allocates
// (never on the audio thread); the reader and writer it hands out do not.
//
// Threads: construct on any non-real-time thread; then one reader and one writer thread.
#pragma once

#include "engine/rt/FrameRing.hpp"

#include <cstdint>
#include <memory>
#include <new>

namespace govox::rt {

class LocalFrameRing {
public:
    // capacityFrames must be a power of two. startIndex lets tests begin near the 2^32 wrap.
    explicit LocalFrameRing(std::uint32_t capacityFrames, std::uint32_t startIndex = 0)
        : frames_(new (std::align_val_t{64}) float[std::size_t{capacityFrames} * kChannels]()),
          capacity_(capacityFrames) {
        writeLine_.value = startIndex;
        readLine_.value = startIndex;
    }

    FrameRingView view() noexcept {
        return {frames_.get(), capacity_, &writeLine_.value, &readLine_.value};
    }
    FrameRingReader reader() noexcept { return FrameRingReader(view(), readLine_.value); }
    FrameRingWriter writer() noexcept { return FrameRingWriter(view(), writeLine_.value); }
    std::uint32_t capacity() const noexcept { return capacity_; }

private:
    struct AlignedDelete {
        void operator()(float* p) const noexcept { operator delete[](p, std::align_val_t{64}); }
    };
    std::unique_ptr<float[], AlignedDelete> frames_;
    std::uint32_t capacity_;
    alignas(GOVOX_LINE_PAIR) govox_index_line writeLine_{};
    alignas(GOVOX_LINE_PAIR) govox_index_line readLine_{};
};

} // namespace govox::rt
