// Phasor.hpp - the phase accumulator and the PolyBLEP residual of go-plugins/dsp
// (phasor.go, polyblep.go), operation for operation, in float64 as there.
//
// Part of the C++ reference of the pad voice (see PadVoice.hpp): it must compute what the
// Go code computes, so nothing here is "improved".
#pragma once

#include <cmath>

namespace govox::bench::padref {

// The largest phase increment the band-limited oscillators accept (Nyquist).
inline constexpr double kMaxBlepInc = 0.5;

// Residual of an upward step of height 2 at phase 0; t and dt in cycles (polyBLEP).
inline double polyBlep(double t, double dt) noexcept {
    if (t < dt) {
        const double x = t / dt;
        return x + x - x * x - 1;
    }
    if (t > 1 - dt) {
        const double x = (t - 1) / dt;
        return x * x + x + x + 1;
    }
    return 0;
}

// Wraps x into [0, 1); NaN and infinities give 0 (wrap01).
inline double wrap01(double x) noexcept {
    if (std::isnan(x) || std::isinf(x)) return 0;
    x -= std::floor(x);
    if (x >= 1) x = 0;
    return x;
}

struct Phasor {
    double phase = 0; // cycles, [0, 1)
    double inc = 0;   // cycles per sample

    void setFrequency(double hz, double sampleRate, double maxInc) noexcept {
        double i = 0;
        if (sampleRate > 0) i = hz / sampleRate;
        if (!(i > 0))
            i = 0;
        else if (i > maxInc)
            i = maxInc;
        inc = i;
    }
    void setPhase(double cycles) noexcept { phase = wrap01(cycles); }
    void advance() noexcept {
        phase += inc;
        if (phase >= 1) phase -= 1;
    }
};

} // namespace govox::bench::padref
