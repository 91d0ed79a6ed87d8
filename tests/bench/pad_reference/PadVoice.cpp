#include "tests/bench/pad_reference/PadVoice.hpp"

#include <algorithm>
#include <cmath>

namespace govox::bench::padref {

PadVoice::PadVoice(double sampleRate, const PadParams& params)
    : sampleRate_(sampleRate), params_(params),
      cutoff_{params.cutoff, params.cutoff,
              static_cast<float>(1 - std::exp(-1 / (0.01 * sampleRate)))} {
    env_.decay = 0.8;
    env_.sustain = 0.8;
    env_.sampleRate = sampleRate;
    filterEnv_.attack = 0.6;
    filterEnv_.decay = 1.5;
    filterEnv_.sustain = 0.35;
    filterEnv_.release = 1.5;
    filterEnv_.sampleRate = sampleRate;
    osc2_.setPulseWidth(0.42);
}

void PadVoice::noteOn(int note, float velocity) {
    note_ = note;
    velocity_ = velocity;
    env_.attack = static_cast<double>(params_.attack);
    env_.release = static_cast<double>(params_.release);
    osc1_.setPhase(0);
    osc2_.setPhase(0.37);
    filter_.reset();
    env_.gate(true);
    filterEnv_.gate(true);
}

void PadVoice::noteOff() {
    env_.release = static_cast<double>(params_.release);
    env_.gate(false);
    filterEnv_.gate(false);
}

// sdk.Context.NoteHz with the pitch wheel centred.
double PadVoice::noteHz(int note) const {
    return 440 * std::pow(2.0, (static_cast<double>(note) - 69 + 0.0) / 12);
}

void PadVoice::renderStereo(float* left, float* right, std::size_t frames) {
    const double rate = sampleRate_;
    const double hz = noteHz(note_);
    const double spread = std::pow(2.0, static_cast<double>(params_.detune) / 1200);
    osc1_.setFrequency(hz / std::sqrt(spread), rate);
    osc2_.setFrequency(hz * std::sqrt(spread), rate);
    filter_.setResonance(static_cast<double>(params_.resonance));
    filter_.setQuality(quality_);
    const float gain =
        static_cast<float>(std::pow(10.0, static_cast<double>(params_.volume) / 20)) *
        (0.4f + 0.6f * velocity_);
    const double mod = static_cast<double>(modWheel_);
    for (std::size_t i = 0; i < frames; ++i) {
        if (i % 32 == 0) { // the cutoff sweeps with its envelope, in 0.7 ms steps
            const double c = static_cast<double>(cutoff_.next()) *
                             (0.5 + 1.5 * static_cast<double>(filterEnv_.level()) + 2 * mod);
            filter_.setCutoff(std::min(c, 0.45 * rate), rate);
        }
        filterEnv_.next();
        const float a = osc1_.next(), b = osc2_.next();
        const float y = filter_.next(0.5f * a + 0.5f * b) * env_.next() * gain;
        left[i] = y * (0.9f + 0.1f * a);
        right[i] = y * (0.9f + 0.1f * b);
    }
}

} // namespace govox::bench::padref
