#include "tests/bench/pad_reference/MoogLadder.hpp"

#include <cmath>
#include <numbers>

namespace govox::bench::padref {
namespace {

constexpr double kMaxFeedback = 4.2;
constexpr double kFadeSeconds = 0.005;
constexpr double kMinCutoff = 1.0;
// Stage frequency over the -3 dB cutoff of four equal one-pole stages (MoogPeakRatio).
constexpr double kPeakRatio = 2.2989592227534716;

} // namespace

void MoogLadder::setCutoff(double hz, double sampleRate) noexcept {
    if (!(sampleRate > 0)) {
        sampleRate = 0;
        hz = 0;
    }
    if (!(hz >= kMinCutoff))
        hz = kMinCutoff;
    else if (hz > 0.49 * sampleRate)
        hz = 0.49 * sampleRate;
    sampleRate_ = sampleRate;
    if (sampleRate == 0) {
        f1_ = 0;
        g1_ = 1;
        return;
    }
    f1_ = std::tan(std::numbers::pi * hz / sampleRate) * kPeakRatio;
    g1_ = 1 / (1 + f1_);
    // Go also computes the 2x-rate coefficient here (a second tangent, for QualityHigh).
    // Kept, unused, so that both sides pay for the same work.
    f2_ = std::tan(std::numbers::pi * hz / (2 * sampleRate)) * kPeakRatio;
}

void MoogLadder::setResonance(double r) noexcept {
    if (!(r > 0))
        r = 0;
    else if (r > 1)
        r = 1;
    k_ = r * kMaxFeedback;
}

void MoogLadder::setQuality(Quality q) noexcept {
    if (q == quality_) return;
    fadeFrom_ = quality_;
    fade_ = main_;
    fadeLen_ = static_cast<int>(std::round(kFadeSeconds * sampleRate_));
    if (fadeLen_ < 1) fadeLen_ = 1;
    fadeLeft_ = fadeLen_;
    quality_ = q;
}

void MoogLadder::reset() noexcept {
    main_ = Ladder{};
    fade_ = Ladder{};
    fadeLeft_ = 0;
}

} // namespace govox::bench::padref
