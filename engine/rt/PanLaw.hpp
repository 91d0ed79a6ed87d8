// PanLaw.hpp - equal-power pan, normalised to unity at the centre.
//
// left = sqrt(2) cos(theta), right = sqrt(2) sin(theta), theta = (pan + 1) pi / 4, so
// left^2 + right^2 == 2 at every position and a centred stereo voice passes unchanged.
// A hard-panned voice gains 3 dB on its side, as in most mixing consoles' balance law.
//
// Threads: any, the audio thread included (pure arithmetic).
#pragma once

#include "engine/rt/RealtimeAttributes.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace govox::rt {

struct StereoGain {
    float left = 1.0f;
    float right = 1.0f;
};

// Gains for a linear gain and a pan position; NaN or out-of-range inputs are clamped
// (gain to [0, kMaxVoiceGain], pan to [-1, 1], NaN to silence or centre).
inline constexpr float kMaxVoiceGain = 4.0f;

inline StereoGain equalPowerPan(float gain, float pan) noexcept GOVOX_NONBLOCKING {
    if (!(gain >= 0.0f)) gain = 0.0f; // also catches NaN
    gain = std::min(gain, kMaxVoiceGain);
    if (pan != pan) pan = 0.0f; // NaN
    pan = std::clamp(pan, -1.0f, 1.0f);
    const float theta = (pan + 1.0f) * static_cast<float>(std::numbers::pi / 4.0);
    const float norm = static_cast<float>(std::numbers::sqrt2) * gain;
    return {norm * std::cos(theta), norm * std::sin(theta)};
}

} // namespace govox::rt
