// LockstepRender.hpp - one note of a Go voice, rendered offline by the real SDK in a
// lockstep voice host through the engine's offline render (render::OfflineRender).
//
// Each lockstep block is the SDK's default chunk (ChunkFrames, 2048), so the SDK renders
// the note from its first frame in the chunks a benchmark loop of 2048-frame chunks uses:
// the chunk boundaries matter to a voice that updates per chunk or every N samples, as the
// pad does. The mixer passes a centred voice on unchanged (PanLaw.hpp) but for the float
// rounding of its unity gain.
//
// Threads: the benchmark's main thread; blocks for the render.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace govox::bench {

inline constexpr std::uint32_t kSdkChunkFrames = 2048; // sdk.Instrument.ChunkFrames' default

struct StereoRender {
    std::vector<float> left, right;
    std::string error; // non-empty: the host failed and the vectors are empty
};

// `frames` frames (at most 65536) of `note` at MIDI `velocity` on channel 0, at 48 kHz.
StereoRender renderNoteLockstep(const std::string& library, std::uint8_t note,
                                std::uint8_t velocity, std::uint32_t frames);

} // namespace govox::bench
