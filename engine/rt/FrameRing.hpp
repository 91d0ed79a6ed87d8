// FrameRing.hpp - single-producer single-consumer ring of stereo float frames.
//
// Aims
// - Works across processes: the ring is a view of memory (frames plus two free-running
//   uint32 indices, each on its own cache line) that may live in a shared mapping. Only
//   atomics on plain fields, no pointers stored in the shared part.
// - Each side keeps its own index locally and only publishes it; it never reads its own
//   index back from shared memory, so a peer cannot move it. The reader caches the
//   writer's index and reloads it only when the cached value cannot satisfy a request.
//   The writer reloads the reader's index on every write, as its Go twin
//   (go-plugins/sdk/ring.go) does: measured with the two threads on two cores, a writer
//   that trusted its cache moved 1 KiB blocks at 0.57x the rate of one that looked each
//   time (docs/benchmarks.md). The load keeps the writer from racing ahead while the
//   reader spins right behind it, where the reader's prefetches and the writer's stores
//   fight over the same lines.
// - The reader treats the writer as untrusted: an index more than `capacity` frames
//   ahead is reported as corrupt rather than used. The writer does the same for the
//   reader, so a broken engine cannot make a host overwrite unread frames either.
// - Bulk transfers are at most two memcpy calls (before and after the wrap). The bulk
//   read hands the lines it has read back to the shared cache (CacheDemote.hpp).
//
// Threads: one reader thread and one writer thread, possibly in different processes.
// Every member function is noexcept, allocation-free and safe on the audio thread.
#pragma once

#include "engine/abi/SharedAtomic.hpp"
#include "engine/abi/govox_abi.h"
#include "engine/rt/CacheDemote.hpp"
#include "engine/rt/RealtimeAttributes.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace govox::rt {

inline constexpr std::uint32_t kChannels = GOVOX_CHANNELS;

// Where a ring's parts live. Not owning. capacity is a power of two, in frames.
struct FrameRingView {
    float* frames = nullptr;
    std::uint32_t capacity = 0;
    std::uint32_t* writeIndex = nullptr; // written by the writer only
    std::uint32_t* readIndex = nullptr;  // written by the reader only
};

// Up to two contiguous runs of interleaved frames, in order.
struct FrameSpans {
    float* first = nullptr;
    std::uint32_t firstFrames = 0;
    float* second = nullptr;
    std::uint32_t secondFrames = 0;
};

// Copies `frames` interleaved frames; nothing for an empty run. Kept out of line so the
// compiler calls the library memcpy rather than an inline `rep movs`, which is slower for
// these sizes.
[[gnu::noinline]] inline void copyFrames(float* dst, const float* src,
                                         std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
    if (frames != 0) std::memcpy(dst, src, std::size_t{frames} * kChannels * sizeof(float));
}

inline FrameSpans ringSpans(const FrameRingView& v, std::uint32_t index,
                            std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
    const std::uint32_t start = index & (v.capacity - 1u);
    const std::uint32_t firstFrames = std::min(frames, v.capacity - start);
    return {v.frames + std::size_t{start} * kChannels, firstFrames, v.frames, frames - firstFrames};
}

class FrameRingReader {
public:
    FrameRingReader() = default;
    // startIndex is where reading begins: the writer's index when the ring is new.
    FrameRingReader(FrameRingView view, std::uint32_t startIndex) noexcept
        : view_(view), read_(startIndex), cachedWrite_(startIndex) {
        abi::storeRelease(*view_.readIndex, read_);
    }

    // Frames ready to read, refreshing the writer's index. corrupt is set (and 0 returned)
    // when the writer claims more than a full ring.
    std::uint32_t available(bool& corrupt) noexcept GOVOX_NONBLOCKING {
        cachedWrite_ = abi::loadAcquire(*view_.writeIndex);
        const std::uint32_t ready = cachedWrite_ - read_;
        corrupt = ready > view_.capacity;
        return corrupt ? 0u : ready;
    }

    // Frames left to read as of the last look at the writer's index (available() or a read
    // that looked): no load of the writer's line.
    std::uint32_t lastSeenAvailable() const noexcept { return cachedWrite_ - read_; }

    // Readable frames from read position on; frames must not exceed available().
    FrameSpans peek(std::uint32_t frames) const noexcept GOVOX_NONBLOCKING {
        return ringSpans(view_, read_, frames);
    }

    void consume(std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
        read_ += frames;
        abi::storeRelease(*view_.readIndex, read_);
    }

    // Copies up to `frames` frames into dst; returns how many. 0 if the ring is corrupt.
    // Then moves the lines it read out of this core's caches (CacheDemote.hpp), so that the
    // writer does not have to take them back from this core when it next writes them: the
    // bulk readers (the recorder taking the audio thread's output, tests) spend that for the
    // writer. The mixer's peek/consume does not: on the audio thread it cost more (about
    // 4 us per 64-voice block, mixer_bench) than the voice host saves.
    std::uint32_t read(float* dst, std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
        std::uint32_t ready = cachedWrite_ - read_;
        if (ready < frames || ready > view_.capacity) { // the cache is short, or was corrupt
            bool corrupt = false;
            ready = available(corrupt);
        }
        const std::uint32_t n = std::min(ready, frames);
        // Nothing to read: no copy and no store, so a reader spinning on an empty ring
        // does not keep taking the index's cache line from the writer.
        if (n == 0) return 0;
        const FrameSpans s = peek(n);
        copyFrames(dst, s.first, s.firstFrames);
        if (s.secondFrames != 0) // only at the wrap: spare the call the rest of the time
            copyFrames(dst + std::size_t{s.firstFrames} * kChannels, s.second, s.secondFrames);
        consume(n);
        demoteFromThisCore(s.first, std::size_t{s.firstFrames} * kChannels);
        demoteFromThisCore(s.second, std::size_t{s.secondFrames} * kChannels);
        return n;
    }

    // Drops everything written so far. Only meaningful once the writer has stopped.
    void dropAll() noexcept GOVOX_NONBLOCKING {
        cachedWrite_ = abi::loadAcquire(*view_.writeIndex);
        read_ = cachedWrite_;
        abi::storeRelease(*view_.readIndex, read_);
    }

    std::uint32_t position() const noexcept { return read_; }
    std::uint32_t capacity() const noexcept { return view_.capacity; }

private:
    FrameRingView view_;
    std::uint32_t read_ = 0;
    std::uint32_t cachedWrite_ = 0;
};

class FrameRingWriter {
public:
    FrameRingWriter() = default;
    FrameRingWriter(FrameRingView view, std::uint32_t startIndex) noexcept
        : view_(view), write_(startIndex) {
        abi::storeRelease(*view_.writeIndex, write_);
    }

    // Frames that can be written now, from the reader's index as it is now. 0 if the reader's
    // index is impossible (ahead of the writer or more than a ring behind).
    std::uint32_t space() noexcept GOVOX_NONBLOCKING {
        const std::uint32_t used = write_ - abi::loadAcquire(*view_.readIndex);
        return used > view_.capacity ? 0u : view_.capacity - used;
    }

    // Writable frames from the write position on; frames must not exceed space().
    FrameSpans prepare(std::uint32_t frames) const noexcept GOVOX_NONBLOCKING {
        return ringSpans(view_, write_, frames);
    }

    void commit(std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
        write_ += frames;
        abi::storeRelease(*view_.writeIndex, write_);
    }

    // Copies up to `frames` frames from src; returns how many fitted. Always looks at the
    // reader's index first (see Aims).
    std::uint32_t write(const float* src, std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
        const std::uint32_t n = std::min(space(), frames);
        if (n == 0) return 0; // full: as for read(), no store while spinning
        const FrameSpans s = prepare(n);
        copyFrames(s.first, src, s.firstFrames);
        if (s.secondFrames != 0) // only at the wrap
            copyFrames(s.second, src + std::size_t{s.firstFrames} * kChannels, s.secondFrames);
        commit(n);
        return n;
    }

    std::uint32_t position() const noexcept { return write_; }
    std::uint32_t capacity() const noexcept { return view_.capacity; }

private:
    FrameRingView view_;
    std::uint32_t write_ = 0;
};

} // namespace govox::rt
