// FrameClock.hpp - when a live event happened, and the engine frame it is played at.
//
// Aims
// - Every live event carries its time (EventTime): the JACK cycle it came in and its frame
//   offset in that cycle, or the CLOCK_MONOTONIC time it arrived (ALSA MIDI, the on-screen
//   keyboard, a knob). The engine turns it into the frame it takes effect at:
//       target = (engine frame at the event's time) + scheduling delay
//   The scheduling delay is one host buffer, the frames of the last audio callback. A live
//   event cannot be heard in the block being played when it arrives, so each lands one
//   buffer after it happened, at its offset: events keep their spacing to the frame.
// - The audio thread publishes, at each callback, the engine frame and the monotonic time
//   it began, through a sequence lock: the writer never waits and never allocates; a
//   reader retries the rare read that overlapped a write.
// - With JACK output and JACK MIDI on the same server, the cycles between an event's and
//   the last audio callback's are counted by JACK's own frame counter: exact, whatever the
//   threads' wake-ups. Unless the two are not whole cycles apart (the frame time jumped at
//   an xrun) or differ by more than a cycle from the count by time (another server):
// - A JACK MIDI event is placed by cycle, not by time: its cycle is matched to an audio
//   callback by rounding the time from the audio callback's start to the cycle's start
//   (as JACK's driver stamped it) to whole periods - JACK runs every client once per
//   cycle, so this is exact unless the audio callback starts half a period late - and its
//   offset is kept as it is. Timed by arrival it would move with the jitter of two
//   threads' wake-ups.
//
// Threads: publish() on the audio thread only; read() and schedule() on any thread.
#pragma once

#include "engine/rt/MonotonicClock.hpp"
#include "engine/rt/RealtimeAttributes.hpp"

#include <atomic>
#include <cstdint>

namespace govox::rt {

// When a live event happened, as its source knows it.
struct EventTime {
    std::uint64_t ns = 0;          // CLOCK_MONOTONIC: arrival, or when the event's JACK cycle began
    std::uint32_t cycleOffset = 0; // frames into that JACK cycle; 0 for an arrival time
    std::uint32_t cycleFrames = 0; // the JACK cycle's length; 0 for an arrival time
    std::uint32_t jackFrame = 0;   // JACK MIDI: the JACK frame time of the cycle's start ...
    bool jackFrameKnown = false;   // ... when the client could read it

    static EventTime now() noexcept GOVOX_NONBLOCKING { return {monotonicNs(), 0, 0}; }
    static EventTime inCycle(std::uint64_t cycleNs, std::uint32_t offset, std::uint32_t frames,
                             std::uint32_t jackFrame = 0,
                             bool jackFrameKnown = false) noexcept GOVOX_NONBLOCKING {
        return {cycleNs, offset, frames, jackFrame, jackFrameKnown};
    }
};

// One audio callback as the clock saw it.
struct ClockPoint {
    std::uint64_t frame = 0;     // engine frame of the callback's first frame
    std::uint64_t ns = 0;        // when the callback began
    std::uint32_t frames = 0;    // the callback's length: the host buffer
    std::uint32_t jackFrame = 0; // JACK output: the JACK frame time of the callback's cycle ...
    bool jackFrameKnown = false; // ... when the backend is JACK
};

class FrameClock {
public:
    // Audio thread, at the start of each callback.
    void publish(const ClockPoint& p) noexcept GOVOX_NONBLOCKING {
        const std::uint32_t s = sequence_.load(std::memory_order_relaxed);
        sequence_.store(s + 1, std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_release);
        frame_.store(p.frame, std::memory_order_relaxed);
        ns_.store(p.ns, std::memory_order_relaxed);
        frames_.store(p.frames, std::memory_order_relaxed);
        jack_.store(p.jackFrameKnown ? (std::uint64_t{1} << 32) | p.jackFrame : 0,
                    std::memory_order_relaxed);
        sequence_.store(s + 2, std::memory_order_release);
    }

    // The last callback; false before the first.
    bool read(ClockPoint& p) const noexcept {
        for (;;) {
            const std::uint32_t before = sequence_.load(std::memory_order_acquire);
            p.frame = frame_.load(std::memory_order_relaxed);
            p.ns = ns_.load(std::memory_order_relaxed);
            p.frames = frames_.load(std::memory_order_relaxed);
            const std::uint64_t jack = jack_.load(std::memory_order_relaxed);
            p.jackFrame = static_cast<std::uint32_t>(jack);
            p.jackFrameKnown = (jack >> 32) != 0;
            std::atomic_thread_fence(std::memory_order_acquire);
            if ((before & 1u) == 0 && sequence_.load(std::memory_order_relaxed) == before)
                return before != 0;
        }
    }

private:
    std::atomic<std::uint32_t> sequence_{0}; // odd while publish() writes
    std::atomic<std::uint64_t> frame_{0};
    std::atomic<std::uint64_t> ns_{0};
    std::atomic<std::uint32_t> frames_{0};
    std::atomic<std::uint64_t> jack_{0}; // bit 32: known; low 32 bits: the JACK frame
};

// The engine frame an event at `at` takes effect at, given the last callback `last` at
// `sampleRate`: never before the block after `last` (that one is already being played).
std::uint64_t scheduleFrame(const ClockPoint& last, std::uint32_t sampleRate,
                            const EventTime& at) noexcept;

} // namespace govox::rt
