#include "engine/rt/SafetyLimiter.hpp"

#include <algorithm>
#include <cmath>

namespace govox::rt {

void SafetyLimiter::prepare(double sampleRate, float ceiling, float releaseMs) noexcept {
    ceiling_ = ceiling;
    // One time constant of releaseMs.
    release_ = static_cast<float>(1.0 - std::exp(-1000.0 / (releaseMs * sampleRate)));
    gain_ = 1.0f;
}

float SafetyLimiter::process(float* left, float* right, std::uint32_t frames) noexcept
    GOVOX_NONBLOCKING {
    float lowest = gain_;
    for (std::uint32_t i = 0; i < frames; ++i) {
        const float peak = std::max(std::fabs(left[i]), std::fabs(right[i]));
        gain_ += (1.0f - gain_) * release_;
        if (peak * gain_ > ceiling_) gain_ = ceiling_ / peak;
        lowest = std::min(lowest, gain_);
        left[i] = std::clamp(left[i] * gain_, -ceiling_, ceiling_);
        right[i] = std::clamp(right[i] * gain_, -ceiling_, ceiling_);
    }
    return lowest;
}

} // namespace govox::rt
