// Saw.hpp - dsp.Saw (go-plugins/dsp/saw.go): a PolyBLEP sawtooth rising from -1 to +1.
#pragma once

#include "tests/bench/pad_reference/Phasor.hpp"

namespace govox::bench::padref {

class Saw {
public:
    void setFrequency(double hz, double sampleRate) noexcept {
        ph_.setFrequency(hz, sampleRate, kMaxBlepInc);
    }
    void setPhase(double cycles) noexcept { ph_.setPhase(cycles); }

    float next() noexcept {
        const double t = ph_.phase;
        const double y = 2 * t - 1 - polyBlep(t, ph_.inc);
        ph_.advance();
        return static_cast<float>(y);
    }

private:
    Phasor ph_;
};

} // namespace govox::bench::padref
