// Control position to value and back for every curve a voice may declare, and the
// readouts with their units.
#include "engine/abi/govox_abi.h"
#include "ui/presets/ParamCurve.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace govox::ui {
namespace {

// Every position maps to a value in range whose position is the same again, and the
// value grows with the position.
void expectRoundTrips(const ParamCurve& c, double tolerance = 1e-9) {
    double last = -INFINITY;
    for (int i = 0; i <= 1000; ++i) {
        const double p = i / 1000.0;
        const double v = c.valueAt(p);
        ASSERT_GE(v, c.min()) << p;
        ASSERT_LE(v, c.max()) << p;
        ASSERT_GE(v, last) << "not monotonic at " << p;
        last = v;
        if (c.kind() != ui::CurveKind::Stepped) {
            EXPECT_NEAR(c.positionOf(v), p, tolerance) << "at position " << p;
        } else {
            EXPECT_EQ(c.valueAt(c.positionOf(v)), v) << "at position " << p;
        }
    }
    EXPECT_EQ(c.valueAt(0), c.clamp(c.min()));
    EXPECT_EQ(c.valueAt(1), c.clamp(c.max()));
}

TEST(ParamCurve, LinearMovesInEqualSteps) {
    const ParamCurve c(0, 0.95, GOVOX_CURVE_LINEAR, "");
    EXPECT_EQ(c.kind(), ui::CurveKind::Linear);
    expectRoundTrips(c);
    EXPECT_NEAR(c.valueAt(0.5), 0.475, 1e-12);
    EXPECT_NEAR(c.valueAt(0.25) - c.valueAt(0), c.valueAt(1) - c.valueAt(0.75), 1e-12);
}

TEST(ParamCurve, ExponentialMovesInEqualRatios) {
    const ParamCurve c(80, 12000, GOVOX_CURVE_EXPONENTIAL, "Hz");
    EXPECT_EQ(c.kind(), ui::CurveKind::Exponential);
    expectRoundTrips(c);
    EXPECT_NEAR(c.valueAt(0.5), std::sqrt(80.0 * 12000.0), 1e-6); // the geometric middle
    EXPECT_NEAR(c.valueAt(0.3) / c.valueAt(0.2), c.valueAt(0.9) / c.valueAt(0.8), 1e-9);
    EXPECT_NEAR(c.positionOf(1800), std::log(1800.0 / 80) / std::log(150.0), 1e-12);
}

TEST(ParamCurve, ExponentialOverARangeWithZeroFallsBackToLinear) {
    const ParamCurve c(0, 10, GOVOX_CURVE_EXPONENTIAL, "s");
    EXPECT_EQ(c.kind(), ui::CurveKind::Linear);
    expectRoundTrips(c);
    EXPECT_NEAR(c.valueAt(0.5), 5, 1e-12);
    EXPECT_FALSE(std::isnan(ParamCurve(-1, 1, GOVOX_CURVE_EXPONENTIAL, "").valueAt(0.3)));
}

TEST(ParamCurve, DecibelsMoveInEqualDecibels) {
    // A value declared in dB: equal dB per travel is a straight line in dB.
    const ParamCurve db(-40, 0, GOVOX_CURVE_DECIBEL, "dB");
    EXPECT_EQ(db.kind(), ui::CurveKind::Decibel);
    expectRoundTrips(db);
    EXPECT_NEAR(db.valueAt(0.5), -20, 1e-12);

    // A gain from 0 to 2: equal decibels over the top 60 dB, reaching exactly 0 at the stop.
    const ParamCurve gain(0, 2, GOVOX_CURVE_DECIBEL, "");
    EXPECT_EQ(gain.kind(), ui::CurveKind::Decibel);
    expectRoundTrips(gain, 1e-9);
    const auto dbAt = [&](double p) { return 20 * std::log10(gain.valueAt(p)); };
    EXPECT_NEAR(dbAt(0.9) - dbAt(0.8), dbAt(1.0) - dbAt(0.9), 0.05); // near equal steps up top
    EXPECT_NEAR(dbAt(0.5), 20 * std::log10(2.0) - 30, 0.5);
    EXPECT_EQ(gain.valueAt(0), 0);

    // A gain above zero: exactly equal ratios.
    const ParamCurve ratio(0.01, 1, GOVOX_CURVE_DECIBEL, "x");
    expectRoundTrips(ratio);
    EXPECT_NEAR(ratio.valueAt(0.5), 0.1, 1e-12);
}

TEST(ParamCurve, SteppedGivesWholeNumbers) {
    const ParamCurve c(0, 3, GOVOX_CURVE_STEPPED, "");
    EXPECT_EQ(c.kind(), ui::CurveKind::Stepped);
    expectRoundTrips(c);
    for (int i = 0; i <= 100; ++i)
        EXPECT_EQ(c.valueAt(i / 100.0), std::round(c.valueAt(i / 100.0)));
    EXPECT_EQ(c.valueAt(0.49), 1);
    EXPECT_EQ(c.valueAt(0.51), 2);
    EXPECT_EQ(c.clamp(2.4), 2);
    EXPECT_NEAR(c.positionOf(2), 2.0 / 3, 1e-12);
    EXPECT_NEAR(c.positionStep(), 1.0 / 3, 1e-12);
    // Ends that are not whole numbers keep the whole numbers between them.
    const ParamCurve odd(0.5, 3.5, GOVOX_CURVE_STEPPED, "");
    EXPECT_EQ(odd.valueAt(0), 1);
    EXPECT_EQ(odd.valueAt(1), 3);
}

TEST(ParamCurve, OutOfRangeAndNanAreClamped) {
    const ParamCurve c(80, 12000, GOVOX_CURVE_EXPONENTIAL, "Hz");
    EXPECT_EQ(c.valueAt(-3), 80);
    EXPECT_EQ(c.valueAt(7), 12000);
    EXPECT_EQ(c.valueAt(NAN), 80);
    EXPECT_EQ(c.positionOf(1e9), 1);
    EXPECT_EQ(c.positionOf(-5), 0);
    EXPECT_EQ(c.positionOf(NAN), 0);
    EXPECT_EQ(ParamCurve(0, 1, 99, "").kind(), ui::CurveKind::Linear)
        << "an unknown curve is linear";
}

TEST(ParamCurve, ReadoutsCarryTheirUnits) {
    const ParamCurve hz(80, 12000, GOVOX_CURVE_EXPONENTIAL, "Hz");
    EXPECT_EQ(hz.format(1200), "1.20 kHz");
    EXPECT_EQ(hz.format(12000), "12.0 kHz");
    EXPECT_EQ(hz.format(350), "350 Hz");
    EXPECT_EQ(hz.format(80), "80.0 Hz");
    EXPECT_EQ(hz.format(999.7), "1.00 kHz") << "rounding up crosses into kHz";

    const ParamCurve s(0.001, 4, GOVOX_CURVE_EXPONENTIAL, "s");
    EXPECT_EQ(s.format(0.35), "350 ms");
    EXPECT_EQ(s.format(0.001), "1.00 ms");
    EXPECT_EQ(s.format(1.2), "1.20 s");
    EXPECT_EQ(s.format(0.9996), "1.00 s");
    EXPECT_EQ(ParamCurve(1, 5000, GOVOX_CURVE_EXPONENTIAL, "ms").format(2500), "2.50 s");

    const ParamCurve db(-40, 0, GOVOX_CURVE_DECIBEL, "dB");
    EXPECT_EQ(db.format(-6), "-6.0 dB");
    EXPECT_EQ(db.format(-0.01), "0.0 dB") << "no minus zero";
    EXPECT_EQ(ParamCurve(0, 2, GOVOX_CURVE_DECIBEL, "").format(0.5), "-6.0 dB")
        << "a plain gain reads in dB";
    EXPECT_EQ(ParamCurve(0, 2, GOVOX_CURVE_DECIBEL, "").format(0), "-inf dB");

    EXPECT_EQ(ParamCurve(0, 3, GOVOX_CURVE_STEPPED, "").format(2.2), "2");
    EXPECT_EQ(ParamCurve(1, 8, GOVOX_CURVE_STEPPED, "voices").format(4), "4 voices");
    EXPECT_EQ(ParamCurve(0, 0.95, GOVOX_CURVE_LINEAR, "").format(0.3), "0.300");
    EXPECT_EQ(ParamCurve(0, 1, GOVOX_CURVE_LINEAR, "").format(0.25), "0.25");
    EXPECT_EQ(ParamCurve(0, 50, GOVOX_CURVE_LINEAR, "cents").format(9), "9.0 cents");
    EXPECT_EQ(ParamCurve(0, 100, GOVOX_CURVE_LINEAR, "%").format(42.4), "42%");
    EXPECT_EQ(ParamCurve(-1, 1, GOVOX_CURVE_LINEAR, "").format(-0.5), "-0.50");
}

} // namespace
} // namespace govox::ui
