// Ladder.hpp - the zero-delay-feedback transistor ladder of go-plugins/dsp/ladder.go, with
// the tanh(x)/x Padé gain of saturate.go and the denormal flush of denormal.go.
//
// Each tanh is replaced by its gain at an estimate from the previous state, leaving a
// linear system per sample that is solved exactly (mystran's cheap non-linear ZDF method).
// The expressions keep Go's operand order, so both languages round alike.
#pragma once

#include <cmath>

namespace govox::bench::padref {

// 0 below 1e-20 in magnitude (flushTiny): filter states would otherwise go subnormal.
inline double flushTiny(double x) noexcept {
    return x < 1e-20 && x > -1e-20 ? 0 : x;
}

// tanh(x)/x as num/den from the [7/6] Padé approximant, bounded by 1/|x| (tanhXdXFraction).
inline void tanhXdXFraction(double x, double& num, double& den) noexcept {
    const double a = x * x;
    num = 135135 + a * (17325 + a * (378 + a));
    den = 135135 + a * (62370 + a * (3150 + 28 * a));
    if (const double ax = std::abs(x); num * ax > den) {
        num = 1;
        den = ax;
    }
}

inline double tanhXdX(double x) noexcept {
    double num, den;
    tanhXdXFraction(x, num, den);
    return num / den;
}

struct Ladder {
    double s[4] = {0, 0, 0, 0}; // trapezoidal integrator states, shared by quality levels
    double xPrev = 0;

    // One sample of the fully non-linear ladder (QualityNormal); f = tan(pi*fstage/fs).
    double tick(double x, double f, double k) noexcept {
        const double t0 = tanhXdX(0.5 * (x + xPrev) - k * s[3]);
        const double t1 = tanhXdX(s[0]), t2 = tanhXdX(s[1]), t3 = tanhXdX(s[2]), t4 = tanhXdX(s[3]);
        xPrev = x;
        const double g1 = 1 / (1 + f * t1);
        const double g2 = 1 / (1 + f * t2);
        const double g3 = 1 / (1 + f * t3);
        const double g4 = 1 / (1 + f * t4);
        const double a1 = g1 * s[0], c1 = g1 * f * t0;
        const double a2 = g2 * (s[1] + f * t1 * a1), c2 = g2 * f * t1 * c1;
        const double a3 = g3 * (s[2] + f * t2 * a2), c3 = g3 * f * t2 * c2;
        const double a4 = g4 * (s[3] + f * t3 * a3), c4 = g4 * f * t3 * c3;
        const double u = (x - k * a4) / (1 + k * c4);
        return update(a1 + c1 * u, a2 + c2 * u, a3 + c3 * u, a4 + c4 * u);
    }

    // One sample with linear stages and a saturating input sum (QualityLow); g = 1/(1+f).
    double tickLinear(double x, double f, double g, double k) noexcept {
        double num, den;
        tanhXdXFraction(0.5 * (x + xPrev) - k * s[3], num, den);
        xPrev = x;
        const double gf = g * f;
        const double a1 = g * s[0];
        const double a2 = g * s[1] + gf * a1;
        const double a3 = g * s[2] + gf * a2;
        const double a4 = g * s[3] + gf * a3;
        const double gf2 = gf * gf;
        const double gf4 = gf2 * gf2;
        const double w = num * (x - k * a4) / (den + k * gf4 * num);
        return update(a1 + gf * w, a2 + gf2 * w, a3 + gf2 * gf * w, a4 + gf4 * w);
    }

    double update(double y1, double y2, double y3, double y4) noexcept {
        s[0] = flushTiny(2 * y1 - s[0]);
        s[1] = flushTiny(2 * y2 - s[1]);
        s[2] = flushTiny(2 * y3 - s[2]);
        s[3] = flushTiny(2 * y4 - s[3]);
        return y4;
    }
};

} // namespace govox::bench::padref
