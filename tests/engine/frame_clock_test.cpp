// The frame clock: where a live event lands. A JACK event one buffer after its cycle at its
// offset, whichever of the two clients ran first in the cycle; an arrival time one buffer
// after it on the engine's clock; never in a block already played, never put off by a
// stalled stream.
#include "engine/rt/FrameClock.hpp"

#include <gtest/gtest.h>

namespace {

using govox::rt::ClockPoint;
using govox::rt::EventTime;
using govox::rt::FrameClock;
using govox::rt::scheduleFrame;

constexpr std::uint32_t kRate = 48000, kBuffer = 128;
constexpr std::uint64_t kPeriodNs = 1000000000ull * kBuffer / kRate; // 2.67 ms
constexpr std::uint64_t kT = 5000000000ull;                          // the last callback began
const ClockPoint kLast{1000, kT, kBuffer};

TEST(FrameClock, AJackEventInTheEnginesCycleLandsOneBufferLaterAtItsOffset) {
    // The MIDI client ran 100 us after the engine in the same cycle.
    for (std::uint32_t offset : {0u, 37u, 127u})
        EXPECT_EQ(1000u + offset + kBuffer,
                  scheduleFrame(kLast, kRate, EventTime::inCycle(kT + 100000, offset, kBuffer)));
}

TEST(FrameClock, AJackEventOfTheCycleTheEngineHasNotReachedYetLandsInTheBufferAfterThatCycle) {
    // The MIDI client ran first in the next cycle, 50 us before the engine will.
    EXPECT_EQ(1000u + kBuffer + 37 + kBuffer,
              scheduleFrame(kLast, kRate, EventTime::inCycle(kT + kPeriodNs - 50000, 37, kBuffer)));
}

// With JACK output, JACK's frame counter places the event whatever the clocks say: here
// the engine's callback began 0.6 periods late (rounding by time would pick the wrong
// cycle), yet the event lands one buffer after its JACK frame.
TEST(FrameClock, WithJackOutputAnEventIsPlacedByJacksFrameCounter) {
    const ClockPoint last{1000, kT, kBuffer, 70000, true};
    const std::uint64_t lateNs = kT - kPeriodNs * 6 / 10;
    EXPECT_EQ(1000u + 37 + kBuffer,
              scheduleFrame(last, kRate, EventTime::inCycle(lateNs, 37, kBuffer, 70000, true)));
    EXPECT_EQ(
        1000u + kBuffer + 5 + kBuffer,
        scheduleFrame(last, kRate,
                      EventTime::inCycle(lateNs + kPeriodNs, 5, kBuffer, 70000 + kBuffer, true)));
    // Without it, the same stamps are matched by time and land a cycle early.
    const ClockPoint untimed{1000, kT, kBuffer};
    EXPECT_EQ(1000u + kBuffer,
              scheduleFrame(untimed, kRate, EventTime::inCycle(lateNs, 37, kBuffer, 70000, true)));
}

TEST(FrameClock, JackFramesFarApartAreNotTrustedAnotherServerIsTimedAsBefore) {
    const ClockPoint last{1000, kT, kBuffer, 70000, true};
    EXPECT_EQ(1000u + 37 + kBuffer,
              scheduleFrame(last, kRate, EventTime::inCycle(kT + 100000, 37, kBuffer, 9, true)));
}

// After an xrun the dummy driver's frame time may jump by any number of frames: an event
// of the next cycle is then not put off by the jump, it is counted by time.
TEST(FrameClock, AJumpInJacksFrameTimeIsNotBelieved) {
    const ClockPoint last{1000, kT, kBuffer, 70000, true};
    EXPECT_EQ(
        1000u + kBuffer + 37 + kBuffer,
        scheduleFrame(last, kRate,
                      EventTime::inCycle(kT + kPeriodNs, 37, kBuffer, 70000 + kBuffer + 58, true)));
}

TEST(FrameClock, AnArrivalTimeLandsOneBufferAfterItOnTheEnginesClock) {
    // 1 ms after the callback began: 48 frames.
    EXPECT_EQ(1000u + 48 + kBuffer, scheduleFrame(kLast, kRate, EventTime{kT + 1000000, 0, 0}));
}

TEST(FrameClock, AnEventIsNeverPlacedInABlockAlreadyPlayed) {
    EXPECT_EQ(1000u + kBuffer, scheduleFrame(kLast, kRate, EventTime{kT - 50000000, 0, 0}));
}

TEST(FrameClock, AStalledStreamDoesNotPutEventsOff) {
    EXPECT_EQ(1000u + 3 * kBuffer - 1,
              scheduleFrame(kLast, kRate, EventTime{kT + 1000000000, 0, 0}));
}

TEST(FrameClock, PublishedPointsAreReadBackWhole) {
    FrameClock clock;
    ClockPoint p;
    EXPECT_FALSE(clock.read(p)) << "nothing published yet";
    clock.publish({4096, 77, 256, 123456, true});
    ASSERT_TRUE(clock.read(p));
    EXPECT_EQ(123456u, p.jackFrame);
    EXPECT_TRUE(p.jackFrameKnown);
    EXPECT_EQ(4096u, p.frame);
    EXPECT_EQ(77u, p.ns);
    EXPECT_EQ(256u, p.frames);
}

} // namespace
