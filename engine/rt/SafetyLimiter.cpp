#include "engine/rt/SafetyLimiter.hpp"

#include "engine/rt/SampleChecks.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

namespace govox::rt {

void SafetyLimiter::prepare(double sampleRate, float ceiling, float releaseMs) noexcept {
    ceiling_ = std::isfinite(ceiling) && ceiling > 0.0f ? ceiling : 1.0f; // allWithin needs it
    // One time constant of releaseMs.
    release_ = static_cast<float>(1.0 - std::exp(-1000.0 / (releaseMs * sampleRate)));
    gain_ = 1.0f;
}

namespace {

// True when every sample is within the (positive, finite) ceiling; a NaN or Inf is not.
// Compared as magnitude bits (SampleChecks.hpp): integer compares, which vectorise where
// the float comparison with && ran one sample at a time.
bool allWithin(const float* __restrict left, const float* __restrict right, std::size_t frames,
               float ceiling) noexcept GOVOX_NONBLOCKING {
    std::uint32_t limit;
    std::memcpy(&limit, &ceiling, sizeof limit);
    std::uint32_t over = 0;
    for (std::size_t i = 0; i < frames; ++i) {
        std::uint32_t l, r;
        std::memcpy(&l, left + i, sizeof l);
        std::memcpy(&r, right + i, sizeof r);
        over |= static_cast<std::uint32_t>((l & kMagnitudeBits) > limit) |
                static_cast<std::uint32_t>((r & kMagnitudeBits) > limit);
    }
    return over == 0;
}

} // namespace

float SafetyLimiter::process(float* left, float* right,
                             std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
    // Nearly always: nothing to limit and no release under way, so nothing to change.
    if (gain_ == 1.0f && allWithin(left, right, frames, ceiling_)) return 1.0f;
    float lowest = gain_;
    for (std::uint32_t i = 0; i < frames; ++i) {
        const float peak = std::max(std::fabs(left[i]), std::fabs(right[i]));
        if (!(peak <= std::numeric_limits<float>::max())) { // finite voices can sum to Inf
            left[i] = right[i] = 0.0f;
            continue;
        }
        gain_ += (1.0f - gain_) * release_;
        if (gain_ > 0.9999f) gain_ = 1.0f; // so that the fast path comes back
        if (peak * gain_ > ceiling_) gain_ = ceiling_ / peak;
        lowest = std::min(lowest, gain_);
        left[i] = std::clamp(left[i] * gain_, -ceiling_, ceiling_);
        right[i] = std::clamp(right[i] * gain_, -ceiling_, ceiling_);
    }
    return lowest;
}

} // namespace govox::rt
