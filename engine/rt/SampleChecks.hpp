// SampleChecks.hpp - finiteness checks on samples from an untrusted voice host.
//
// The common case (every sample finite) is one branch-free pass over the bits that the
// compiler vectorises; only a block that holds a NaN or Inf is searched frame by frame.
#pragma once

#include "engine/rt/FrameRing.hpp"
#include "engine/rt/RealtimeAttributes.hpp"

#include <cstdint>
#include <cstring>

namespace govox::rt {

// A float's bits: the exponent all ones is Inf or NaN; without the sign, finite magnitudes
// order as their bits do (and Inf and NaN above them all), so comparisons can be integer
// ones, which the compiler vectorises.
inline constexpr std::uint32_t kExponentBits = 0x7f800000u;
inline constexpr std::uint32_t kMagnitudeBits = 0x7fffffffu;

constexpr bool isNonfiniteBits(std::uint32_t bits) noexcept {
    return (bits & kExponentBits) == kExponentBits;
}

GOVOX_VECTOR_CLONES inline bool allFinite(const float* samples,
                                          std::uint32_t count) noexcept GOVOX_NONBLOCKING {
    std::uint32_t bad = 0;
    for (std::uint32_t i = 0; i < count; ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, samples + i, sizeof bits);
        bad |= static_cast<std::uint32_t>(isNonfiniteBits(bits));
    }
    return bad == 0;
}

// Frames of `frames` interleaved frames before the first one holding a NaN or Inf.
inline std::uint32_t finiteFrames(const FrameSpans& spans,
                                  std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
    const std::uint32_t first = frames < spans.firstFrames ? frames : spans.firstFrames;
    const std::uint32_t second = frames - first;
    if (allFinite(spans.first, first * kChannels) && allFinite(spans.second, second * kChannels))
        return frames;
    for (std::uint32_t f = 0; f < frames; ++f) {
        const float* frame =
            f < first ? spans.first + f * kChannels : spans.second + (f - first) * kChannels;
        if (!allFinite(frame, kChannels)) return f;
    }
    return frames;
}

} // namespace govox::rt
