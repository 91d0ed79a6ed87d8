// MoogLadder.hpp - dsp.MoogLadder (go-plugins/dsp/moog.go) at QualityLow and QualityNormal:
// a 4-pole transistor ladder, prewarped cutoff, feedback 0..4.2 with the passband
// compensated by 1 + k, and the 5 ms crossfade when the quality level changes.
//
// QualityHigh (2x oversampling behind halfband filters) is left out: the pad gets it only
// when the engine hints High, and the benchmark measures the default, Normal. The SDK's
// dynamic quality drop (Normal -> Low while a ring is low) is covered.
#pragma once

#include "tests/bench/pad_reference/Ladder.hpp"

namespace govox::bench::padref {

enum class Quality : int { Low = -1, Normal = 0 };

class MoogLadder {
public:
    // hz clamped to [1, 0.49 * sampleRate]; costs a tangent.
    void setCutoff(double hz, double sampleRate) noexcept;
    void setResonance(double r) noexcept; // clamped to [0, 1]
    // Crossfades from the current level over 5 ms (both levels run meanwhile).
    void setQuality(Quality q) noexcept;
    void reset() noexcept;

    float next(float x) noexcept {
        const double in = x;
        double y = run(quality_, main_, in);
        if (fadeLeft_ > 0) {
            const double old = run(fadeFrom_, fade_, in);
            const double w = static_cast<double>(fadeLeft_) / static_cast<double>(fadeLen_ + 1);
            y += (old - y) * w;
            --fadeLeft_;
        }
        return static_cast<float>(y * (1 + k_));
    }

private:
    double run(Quality q, Ladder& l, double x) noexcept {
        return q == Quality::Low ? l.tickLinear(x, f1_, g1_, k_) : l.tick(x, f1_, k_);
    }

    double sampleRate_ = 0;
    Quality quality_ = Quality::Normal;
    double f1_ = 0, g1_ = 1; // stage coefficient and 1/(1+f1)
    double f2_ = 0;          // the coefficient at twice the rate: QualityHigh's, unused
    double k_ = 0;           // feedback
    Ladder main_;
    Quality fadeFrom_ = Quality::Normal; // the level being faded out
    Ladder fade_;
    int fadeLeft_ = 0, fadeLen_ = 0;
};

} // namespace govox::bench::padref
