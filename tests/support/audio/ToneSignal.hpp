// ToneSignal.hpp - what the backend tests play (one sine voice through the real mixer)
// and how they measure what came out.
#pragma once

#include "engine/rt/Mixer.hpp"
#include "engine/shm/Region.hpp"
#include "engine/standin/ToneVoiceHost.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace govox::backend::test {

inline shm::RegionConfig toneRegionConfig(std::uint32_t sampleRate) {
    shm::RegionConfig c;
    c.voiceCount = 4;
    c.ringCapacityFrames = 4096;
    c.ringTargetFrames = 1024;
    c.sampleRate = sampleRate;
    c.maxBlockFrames = 1024;
    return c;
}

inline rt::MixerConfig toneMixerConfig(std::uint32_t sampleRate) {
    rt::MixerConfig c;
    c.sampleRate = sampleRate;
    c.maxBlockFrames = 1024;
    return c;
}

inline standin::Tone testTone() {
    standin::Tone t;
    t.frequency = 440.0;
    t.amplitude = 0.5f;
    t.pan = 0.0f; // centre: unity gain on each channel (PanLaw.hpp)
    t.attackMs = 5.0f;
    t.releaseMs = 50.0f;
    return t;
}

// RMS of a steady sine of the tone's amplitude, on each channel at centre pan.
inline double expectedToneRms(const standin::Tone& t) {
    return t.amplitude / std::sqrt(2.0);
}

// Frequency from the interpolated times of the upward zero crossings: (crossings - 1)
// periods between the first and the last. Precise to far below 1 Hz over a second, and a
// dropout or a repeated block shifts the phase and so shows up as a wrong frequency.
inline double zeroCrossingFrequency(const float* x, std::size_t n, double sampleRate) {
    double first = 0.0, last = 0.0;
    std::size_t crossings = 0;
    for (std::size_t i = 1; i < n; ++i) {
        if (!(x[i - 1] < 0.0f && x[i] >= 0.0f)) continue;
        const double t = static_cast<double>(i - 1) +
                         static_cast<double>(x[i - 1]) / static_cast<double>(x[i - 1] - x[i]);
        if (crossings++ == 0) first = t;
        last = t;
    }
    if (crossings < 2 || last <= first) return 0.0;
    return static_cast<double>(crossings - 1) * sampleRate / (last - first);
}

inline double rms(const float* x, std::size_t n) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += static_cast<double>(x[i]) * x[i];
    return n == 0 ? 0.0 : std::sqrt(sum / static_cast<double>(n));
}

inline double peak(const float* x, std::size_t n) {
    float p = 0.0f;
    for (std::size_t i = 0; i < n; ++i) p = std::max(p, std::fabs(x[i]));
    return p;
}

// Largest step between neighbouring samples (a click or a gap makes it jump) and where.
struct Step {
    double size = 0.0;
    std::size_t at = 0;
};
inline Step largestStep(const float* x, std::size_t n) {
    Step s;
    for (std::size_t i = 1; i < n; ++i)
        if (std::fabs(x[i] - x[i - 1]) > s.size) s = {std::fabs(x[i] - x[i - 1]), i};
    return s;
}

inline double decibels(double ratio) {
    return 20.0 * std::log10(ratio);
}

} // namespace govox::backend::test
