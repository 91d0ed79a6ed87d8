// LockstepRender.hpp - one note of a Go voice, rendered offline by the real SDK in a
// lockstep voice host, read straight out of its ring.
//
// The whole render is one lockstep block, so the SDK renders the note from its first frame
// in its own chunks (ChunkFrames, 2048 by default) exactly as a benchmark loop of 2048-frame
// chunks does: the chunk boundaries matter to a voice that updates per chunk or every N
// samples, as the pad does.
//
// Threads: the benchmark's main thread; blocks for the render.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace govox::bench {

struct StereoRender {
    std::vector<float> left, right;
    std::string error; // non-empty: the host failed and the vectors are empty
};

// `frames` frames (at most 65536) of `note` at MIDI `velocity` on channel 0, at 48 kHz.
StereoRender renderNoteLockstep(const std::string& library, std::uint8_t note,
                                std::uint8_t velocity, std::uint32_t frames);

} // namespace govox::bench
