// Square.hpp - dsp.Square (go-plugins/dsp/square.go): a PolyBLEP pulse, +1 from phase 0 up
// to the pulse width, -1 for the rest of the cycle.
#pragma once

#include "tests/bench/pad_reference/Phasor.hpp"

namespace govox::bench::padref {

class Square {
public:
    void setFrequency(double hz, double sampleRate) noexcept {
        ph_.setFrequency(hz, sampleRate, kMaxBlepInc);
    }
    void setPhase(double cycles) noexcept { ph_.setPhase(cycles); }
    // Clamped to [0.01, 0.99]. Kept as the offset from 0.5, as Go does, so that the width
    // used per sample (offset + 0.5) rounds the same way.
    void setPulseWidth(double width) noexcept {
        if (!(width >= 0.01))
            width = 0.01;
        else if (width > 0.99)
            width = 0.99;
        pwOffset_ = width - 0.5;
    }

    float next() noexcept {
        const double t = ph_.phase, dt = ph_.inc;
        const double pw = pwOffset_ + 0.5;
        double y = t < pw ? 1.0 : -1.0;
        y += polyBlep(t, dt);
        double tf = t - pw; // phase since the falling edge
        if (tf < 0) tf++;
        y -= polyBlep(tf, dt);
        ph_.advance();
        return static_cast<float>(y);
    }

private:
    Phasor ph_;
    double pwOffset_ = 0;
};

} // namespace govox::bench::padref
