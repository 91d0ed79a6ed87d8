#include "tests/bench/pad_reference/PadVoice.hpp"

#include <algorithm>
#include <cmath>

namespace govox::bench::padref {

namespace {
// sdk.ParamValue at rest on value, with the SDK's 10 ms smoothing.
PadVoice::Smoothed smoothed(float value, double sampleRate) {
    return {value, value, static_cast<float>(1 - std::exp(-1 / (0.01 * sampleRate)))};
}
} // namespace

PadVoice::PadVoice(double sampleRate, const PadParams& params)
    : sampleRate_(sampleRate), params_(params), cutoff_{smoothed(params.cutoff, sampleRate)},
      resonance_{smoothed(params.resonance, sampleRate)},
      detune_{smoothed(params.detune, sampleRate)}, volume_{smoothed(params.volume, sampleRate)} {
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
    gain_.snap(gainTarget(volume_.current));
    detuned_ = tunedHz_ = std::nan("");
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
    filter_.setQuality(quality_);
    for (std::size_t start = 0; start < frames; start += kControlRate) {
        const std::size_t end = std::min(start + kControlRate, frames);
        control(static_cast<int>(end - start));
        for (std::size_t i = start; i < end; ++i) {
            filterEnv_.next();
            const float a = osc1_.next(), b = osc2_.next();
            const float y = filter_.next(0.5f * a + 0.5f * b) * env_.next() * gain_.next();
            left[i] = y * (0.9f + 0.1f * a);
            right[i] = y * (0.9f + 0.1f * b);
        }
    }
}

float PadVoice::gainTarget(float db) const {
    return static_cast<float>(std::pow(10.0, static_cast<double>(db) / 20)) *
           (0.4f + 0.6f * velocity_);
}

// The parameters at a control point, for the next k samples (pad's control()).
void PadVoice::control(int k) {
    const double rate = sampleRate_;
    const double c =
        static_cast<double>(cutoff_.next()) *
        (0.5 + 1.5 * static_cast<double>(filterEnv_.level()) + 2 * static_cast<double>(modWheel_));
    filter_.setCutoff(std::min(c, 0.45 * rate), rate);
    filter_.setResonance(static_cast<double>(resonance_.next()));
    const double d = static_cast<double>(detune_.next());
    if (const double hz = noteHz(note_); d != detuned_ || hz != tunedHz_) {
        const double spread = std::pow(2.0, d / 1200);
        osc1_.setFrequency(hz / std::sqrt(spread), rate);
        osc2_.setFrequency(hz * std::sqrt(spread), rate);
        detuned_ = d;
        tunedHz_ = hz;
    }
    gain_.setTarget(gainTarget(volume_.next()), kControlRate);
    for (Smoothed* p : {&cutoff_, &resonance_, &detune_, &volume_}) {
        p->advance(k - 1);
    }
}

} // namespace govox::bench::padref
