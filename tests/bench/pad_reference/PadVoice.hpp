// PadVoice.hpp - the pad voice of go-plugins/voices/pad/main.go written in C++, as the
// reference its Go speed is judged against (tests/bench/pad_speed.cpp).
//
// Aims
// - The same algorithm with the same number types: a PolyBLEP saw and a 0.42 pulse, detuned
//   either way, summed into a Moog ladder whose cutoff follows its own ADSR (updated every
//   32 samples), a slow amplitude ADSR, a little stereo spread. float32 where Go has
//   float32, float64 where Go has float64, operands in Go's order, so the outputs agree to
//   rounding (pad_speed checks it against the real Go voice before timing anything).
// - Written as a C++ programmer would write it, no hand tuning: the comparison is between
//   the two compilers, not between two designs.
// - What the SDK gives a Go voice (parameter targets and their smoothing, note frequency,
//   mod wheel, quality) is reduced to the values a standalone SDK context has: default
//   parameters, no pitch bend, mod wheel 0, QualityNormal unless set.
//
// Threads: one voice, one thread at a time. Nothing allocates.
#pragma once

#include "tests/bench/pad_reference/Adsr.hpp"
#include "tests/bench/pad_reference/MoogLadder.hpp"
#include "tests/bench/pad_reference/Saw.hpp"
#include "tests/bench/pad_reference/Square.hpp"

#include <cstddef>

namespace govox::bench::padref {

// The pad's parameters at their defaults (the sdk.Param declarations of the pad).
struct PadParams {
    float cutoff = 1800; // Hz
    float resonance = 0.3f;
    float detune = 9;     // cents
    float attack = 0.35f; // s
    float release = 1.2f; // s
    float volume = -12;   // dB
};

class PadVoice {
public:
    PadVoice(double sampleRate, const PadParams& params = {});

    void noteOn(int note, float velocity);
    void noteOff();
    bool done() const noexcept { return !env_.active(); }
    void setQuality(Quality q) noexcept { quality_ = q; }
    void setModWheel(float mod) noexcept { modWheel_ = mod; }

    void renderStereo(float* left, float* right, std::size_t frames);

private:
    // sdk.ParamValue: a target and a one-pole smoother (10 ms) stepped by next().
    struct Smoothed {
        float target, current, coeff;
        float next() noexcept { return current += (target - current) * coeff; }
    };

    double noteHz(int note) const;

    double sampleRate_;
    PadParams params_;
    Smoothed cutoff_;
    Saw osc1_;
    Square osc2_;
    MoogLadder filter_;
    Adsr env_, filterEnv_;
    Quality quality_ = Quality::Normal;
    float modWheel_ = 0;
    int note_ = 0;
    float velocity_ = 0;
};

} // namespace govox::bench::padref
