// RegionFade.hpp - the gain envelope of one region on the master bus.
//
// Fades are equal-power: the gain is sin(theta) with theta moving linearly between 0 and
// pi/2, so an old build fading out (cos) and a new one fading in (sin) over the same
// frames keep the summed power of uncorrelated signals constant. A fade can reverse from
// wherever it is without a jump. Audio thread only, except set-up before publication.
//
// Threads: the audio thread, once published to it; set up before on the control thread.
#pragma once

#include "engine/rt/RealtimeAttributes.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numbers>

namespace govox::rt {

class RegionFade {
public:
    static constexpr float kFull = static_cast<float>(std::numbers::pi / 2.0);

    // Starts from silence (frames > 0) or at full gain (frames == 0).
    void startIn(std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
        if (frames == 0) {
            theta_ = kFull;
            step_ = 0.0f;
        } else {
            theta_ = 0.0f;
            step_ = kFull / static_cast<float>(frames);
        }
    }

    // Fades to silence from the current gain, at the rate a full fade of `frames` has.
    void startOut(std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
        step_ = -kFull / static_cast<float>(frames == 0 ? 1 : frames);
        fadingOut_ = true;
    }

    bool fadingOut() const noexcept { return fadingOut_; }
    // True once a fade-out has reached silence: the region can be retired.
    bool silent() const noexcept { return fadingOut_ && theta_ <= 0.0f; }

    // out += bus * gain, frame by frame; bus is interleaved stereo. Audio thread.
    void apply(const float* __restrict bus, float* __restrict outL, float* __restrict outR,
               std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
        if (step_ == 0.0f && theta_ >= kFull) { // the common case: full gain
            for (std::size_t i = 0; i < frames; ++i) {
                outL[i] += bus[2 * i];
                outR[i] += bus[2 * i + 1];
            }
            return;
        }
        for (std::uint32_t i = 0; i < frames; ++i) {
            theta_ += step_;
            if (theta_ >= kFull) {
                theta_ = kFull;
                step_ = 0.0f;
            } else if (theta_ <= 0.0f) {
                theta_ = 0.0f;
                step_ = 0.0f;
            }
            const float g = std::sin(theta_);
            outL[i] += bus[2 * i] * g;
            outR[i] += bus[2 * i + 1] * g;
        }
    }

private:
    float theta_ = kFull;
    float step_ = 0.0f;
    bool fadingOut_ = false;
};

} // namespace govox::rt
