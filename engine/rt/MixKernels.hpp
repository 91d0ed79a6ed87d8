// MixKernels.hpp - the mixer's inner loops: voices' interleaved ring frames added onto
// the interleaved region bus at constant gains.
//
// Aims
// - The hot path of the engine: 64 voices x 128 frames each block. Written with the
//   compiler's vector types (GCC and clang) so that every step is one full-width
//   instruction (and, compare, or, and-not, multiply, add), compiled for AVX2 and for the
//   x86-64 baseline and chosen when the program loads (GOVOX_VECTOR_CLONES).
// - Up to four voices in one pass: the bus is loaded and stored once for all of them
//   instead of once per voice, which is most of what a one-voice pass costs beyond the
//   read of the ring (64 voices: 2.5 us one at a time, 1.6 us four at a time; memcpy of
//   the same frames 1.3 us).
// - The finiteness check rides along in the same pass: a NaN or Inf is mixed as 0, so the
//   bus stays finite, and the caller learns which voice held one.
//
// Threads: the audio thread (pure functions, no state).
#pragma once

#include "engine/rt/RealtimeAttributes.hpp"

#include <cstddef>

namespace govox::rt {

// One voice's block: `frames` contiguous interleaved frames and the gains they get.
struct MixSource {
    const float* frames = nullptr;
    float left = 0.0f;
    float right = 0.0f;
};

inline constexpr std::size_t kMaxMixSources = 4;

// Adds `count` (1 to kMaxMixSources) sources of `frames` frames each onto `bus`, with
// non-finite samples mixed as 0. Bit s of the result is set when source s held one.
unsigned mixCheckedSources(const MixSource* sources, std::size_t count, float* __restrict bus,
                           std::size_t frames) noexcept GOVOX_NONBLOCKING;

// bus[2i] += src[2i] * gl, bus[2i + 1] += src[2i + 1] * gr for `frames` frames (no check:
// for frames already known to be finite).
void mixConstantGain(const float* __restrict src, float* __restrict bus, std::size_t frames,
                     float gl, float gr) noexcept GOVOX_NONBLOCKING;

} // namespace govox::rt
