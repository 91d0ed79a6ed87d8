// SafetyLimiter.hpp - last stage of the master bus: keeps the output inside the ceiling.
//
// Not a mastering limiter: it exists so that a voice bug (a gain of 4 on 64 voices)
// cannot blast the user's speakers. Instant attack (the gain drops to ceiling/peak on the
// sample that would exceed it), exponential release, and a final clamp so that no
// rounding can exceed the ceiling. Audio thread only after prepare().
//
// Threads: prepare() on the control thread before the stream starts; process() on the
// audio thread only.
#pragma once

#include "engine/rt/RealtimeAttributes.hpp"

#include <cstdint>

namespace govox::rt {

class SafetyLimiter {
public:
    void prepare(double sampleRate, float ceiling, float releaseMs) noexcept;
    // Limits left/right in place; returns the lowest gain applied in this block.
    float process(float* left, float* right, std::uint32_t frames) noexcept GOVOX_NONBLOCKING;

private:
    float ceiling_ = 0.98f;
    float release_ = 0.001f; // fraction of the distance to unity recovered per frame
    float gain_ = 1.0f;
};

} // namespace govox::rt
