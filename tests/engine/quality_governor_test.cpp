// The engine's quality hint (audio::QualityGovernor): down at once when a figure that
// comes before an underrun is in danger, up one step at a time after a lasting calm, and
// no flapping when the load only fits at the lower level.
#include "engine/audio/QualityGovernor.hpp"

#include <gtest/gtest.h>

namespace {

using govox::audio::QualityFigures;
using govox::audio::QualityGovernor;
using std::chrono::milliseconds;
using Clock = QualityGovernor::Clock;

const QualityFigures kCalm{0.9, 0.1, 0.05, 0.02};

struct Ticks {
    QualityGovernor g{GOVOX_QUALITY_NORMAL};
    Clock::time_point now = Clock::time_point{} + std::chrono::hours(1);
    // Feeds `f` every 33 ms (the window's tick) for `span`; returns the last hint.
    govox_quality feed(const QualityFigures& f, milliseconds span) {
        govox_quality q = g.quality();
        for (milliseconds t{0}; t < span; t += milliseconds(33)) {
            now += milliseconds(33);
            q = g.update(f, now);
        }
        return q;
    }
};

TEST(QualityGovernor, RisesToHighOneStepAtATimeAfterALastingCalm) {
    Ticks r;
    EXPECT_EQ(r.feed(kCalm, milliseconds(1000)), GOVOX_QUALITY_NORMAL) << "too soon";
    EXPECT_EQ(r.feed(kCalm, milliseconds(600)), GOVOX_QUALITY_HIGH);
    EXPECT_EQ(r.g.reason(), "headroom: ring 90 %, callback 10 %, rendering 5 %, GC 2 %");
    EXPECT_EQ(r.feed(kCalm, milliseconds(5000)), GOVOX_QUALITY_HIGH);
}

TEST(QualityGovernor, EachFigureInDangerDropsToLowAtOnceAndSaysWhich) {
    const struct {
        QualityFigures f;
        const char* why;
    } cases[] = {
        {{0.15, 0.1, 0.05, 0.02}, "ring at 15 % of its target"},
        {{0.9, 0.8, 0.05, 0.02}, "audio callback at 80 % of its period"},
        {{0.9, 0.1, 0.7, 0.02}, "rendering at 70 % of the cores' time"},
        {{0.9, 0.1, 0.05, 0.9}, "GC pauses at 90 % of the ring's time"},
    };
    for (const auto& c : cases) {
        Ticks r;
        r.feed(kCalm, milliseconds(12000)); // long past the rise to HIGH: not a relapse
        ASSERT_EQ(r.g.quality(), GOVOX_QUALITY_HIGH);
        EXPECT_EQ(r.feed(c.f, milliseconds(33)), GOVOX_QUALITY_LOW) << c.why;
        EXPECT_EQ(r.g.reason(), c.why);
    }
}

// Danger right after a rise blames the new level: back to the one below, and lower still
// on the next look if the danger stays.
TEST(QualityGovernor, DangerJustAfterARiseGoesBackAStepThenLowerIfItStays) {
    Ticks r;
    r.feed(kCalm, milliseconds(1550));
    ASSERT_EQ(r.g.quality(), GOVOX_QUALITY_HIGH);
    const QualityFigures danger{0.9, 0.1, 0.7, 0.02};
    EXPECT_EQ(r.feed(danger, milliseconds(33)), GOVOX_QUALITY_NORMAL);
    EXPECT_EQ(r.feed(danger, milliseconds(33)), GOVOX_QUALITY_LOW);
}

TEST(QualityGovernor, ATightFigureCapsAtNormalWithoutGoingLow) {
    Ticks r;
    r.feed(kCalm, milliseconds(2000));
    const QualityFigures tight{0.3, 0.1, 0.05, 0.02}; // between danger and room
    EXPECT_EQ(r.feed(tight, milliseconds(33)), GOVOX_QUALITY_NORMAL);
    EXPECT_EQ(r.feed(tight, milliseconds(10000)), GOVOX_QUALITY_NORMAL);
    EXPECT_EQ(r.g.reason(), "ring at 30 % of its target");
}

TEST(QualityGovernor, StaysDownForTheQuietTimeAfterADrop) {
    Ticks r;
    r.feed(kCalm, milliseconds(12000)); // long past the rise: not a relapse
    r.feed({0.1, 0, 0, 0}, milliseconds(33));
    ASSERT_EQ(r.g.quality(), GOVOX_QUALITY_LOW);
    EXPECT_EQ(r.feed(kCalm, milliseconds(2900)), GOVOX_QUALITY_LOW) << "3 s quiet after a drop";
    EXPECT_EQ(r.feed(kCalm, milliseconds(200)), GOVOX_QUALITY_NORMAL);
    EXPECT_EQ(r.feed(kCalm, milliseconds(1600)), GOVOX_QUALITY_HIGH);
}

// A load that underruns only at HIGH: the rendering doubles when the hint rises. The
// governor must settle at NORMAL rather than go up and down every few seconds.
TEST(QualityGovernor, ALoadThatOnlyFitsLowerSettlesThereInsteadOfFlapping) {
    Ticks r;
    int changes[3] = {0, 0, 0}, highTicks = 0;
    govox_quality last = r.g.quality();
    for (int tick = 0; tick < 3 * 60 * 30; ++tick) { // three minutes at 33 ms
        const double render = last == GOVOX_QUALITY_HIGH ? 0.7 : 0.2;
        r.now += milliseconds(33);
        const govox_quality q = r.g.update({0.9, 0.1, render, 0.02}, r.now);
        changes[tick / (60 * 30)] += q != last;
        highTicks += q == GOVOX_QUALITY_HIGH;
        EXPECT_NE(q, GOVOX_QUALITY_LOW) << "NORMAL fits: no reason to go lower";
        last = q;
    }
    std::printf("[ measured ] hint changes per minute: %d, %d, %d; ticks at HIGH %d\n", changes[0],
                changes[1], changes[2], highTicks);
    EXPECT_LE(changes[0], 8) << "flapping";
    EXPECT_LE(changes[1], 4) << "the tries of HIGH must grow rarer";
    EXPECT_LE(changes[2], 4);
    EXPECT_EQ(last, GOVOX_QUALITY_NORMAL);
}

TEST(QualityGovernor, NamesItsLevels) {
    EXPECT_STREQ(govox::audio::qualityName(GOVOX_QUALITY_LOW), "low");
    EXPECT_STREQ(govox::audio::qualityName(GOVOX_QUALITY_NORMAL), "normal");
    EXPECT_STREQ(govox::audio::qualityName(GOVOX_QUALITY_HIGH), "high");
}

} // namespace
