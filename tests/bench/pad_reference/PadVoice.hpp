// PadVoice.hpp - the pad voice of go-plugins/voices/pad/main.go written in C++, as the
// reference its Go speed is judged against (tests/bench/pad_speed.cpp).
//
// Aims
// - The same algorithm with the same number types: a PolyBLEP saw and a 0.42 pulse, detuned
//   either way, summed into a Moog ladder whose cutoff follows its own ADSR, the parameters
//   read every 16 samples (the volume ramped between), a slow amplitude ADSR, a little
//   stereo spread. float32 where Go has
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

#include <cmath>
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

    // sdk.ParamValue: a target and a one-pole smoother (10 ms) stepped by next() and
    // advance(n).
    struct Smoothed {
        float target, current, coeff;
        float next() noexcept { return current += (target - current) * coeff; }
        void advance(int n) noexcept {
            if (n > 0 && current != target) {
                current = target +
                          (current - target) * static_cast<float>(std::pow(double(1 - coeff), n));
            }
        }
    };

private:
    // dsp.Ramp: a linear glide to a target over a given number of samples.
    struct Ramp {
        double value = 0, target = 0, step = 0;
        int left = 0;
        void snap(float v) noexcept { value = target = v, left = 0; }
        void setTarget(float v, int samples) noexcept {
            target = v;
            step = (target - value) / samples;
            left = samples;
        }
        float next() noexcept {
            if (left > 0 && --left == 0) {
                value = target;
            } else if (left > 0) {
                value += step;
            }
            return static_cast<float>(value);
        }
    };
    static constexpr std::size_t kControlRate = 16;

    double noteHz(int note) const;
    float gainTarget(float db) const;
    void control(int k);

    double sampleRate_;
    PadParams params_;
    Smoothed cutoff_, resonance_, detune_, volume_;
    Ramp gain_;
    double detuned_ = 0, tunedHz_ = 0; // what the oscillators are tuned for
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
