// AudioChecks.hpp - measurements tests make on rendered audio.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace govox::test {

// Largest sample-to-sample jump: a click shows up as a jump far above what the signal's
// own slope allows (a 440 Hz sine at amplitude 0.5 moves at most 0.029 per frame at 48 kHz).
inline float maxStep(const std::vector<float>& x, std::size_t from = 1) {
    float m = 0.0f;
    for (std::size_t i = std::max<std::size_t>(from, 1); i < x.size(); ++i)
        m = std::max(m, std::fabs(x[i] - x[i - 1]));
    return m;
}

inline float peak(const std::vector<float>& x, std::size_t from = 0, std::size_t to = SIZE_MAX) {
    float m = 0.0f;
    for (std::size_t i = from; i < std::min(to, x.size()); ++i) m = std::max(m, std::fabs(x[i]));
    return m;
}

inline double rms(const std::vector<float>& x, std::size_t from = 0, std::size_t to = SIZE_MAX) {
    double s = 0.0;
    to = std::min(to, x.size());
    for (std::size_t i = from; i < to; ++i) s += double(x[i]) * x[i];
    return to > from ? std::sqrt(s / double(to - from)) : 0.0;
}

// Frequency from the positive-going zero crossings, interpolated between samples.
inline double zeroCrossingHz(const std::vector<float>& x, double rate, std::size_t from = 0,
                             std::size_t to = SIZE_MAX) {
    to = std::min(to, x.size());
    double first = -1.0, last = -1.0;
    int crossings = 0;
    for (std::size_t i = std::max<std::size_t>(from, 1); i < to; ++i) {
        if (x[i - 1] < 0.0f && x[i] >= 0.0f) {
            const double t = double(i - 1) + double(-x[i - 1]) / double(x[i] - x[i - 1]);
            if (first < 0.0)
                first = t;
            else
                ++crossings;
            last = t;
        }
    }
    return crossings > 0 ? rate * crossings / (last - first) : 0.0;
}

inline bool allFinite(const std::vector<float>& x) {
    return std::all_of(x.begin(), x.end(), [](float v) { return std::isfinite(v); });
}

} // namespace govox::test
