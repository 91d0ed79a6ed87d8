// host::CrashPolicy on a made-up clock: the backoff doubles up to its ceiling, a crash
// loop is the given number of crashes within the window, and a crash after a whole
// crash-free window starts the backoff afresh.
#include "engine/host/CrashPolicy.hpp"

#include <gtest/gtest.h>

namespace {

using govox::host::CrashPolicy;
using namespace std::chrono_literals;

TEST(CrashPolicy, TheBackoffDoublesUpToItsCeiling) {
    CrashPolicy p({.firstBackoff = 250ms,
                   .maxBackoff = 1000ms,
                   .crashLoopCount = 10,
                   .crashLoopWindow = 30s});
    const auto t0 = CrashPolicy::Clock::time_point{} + 1h;
    const std::chrono::milliseconds expected[] = {250ms, 500ms, 1000ms, 1000ms};
    for (int i = 0; i < 4; ++i) {
        const auto at = t0 + std::chrono::seconds(i);
        ASSERT_FALSE(p.crashed(at)) << "crash " << i;
        EXPECT_EQ(p.restartAt() - at, expected[i]) << "crash " << i;
    }
}

TEST(CrashPolicy, ACrashLoopIsEnoughCrashesWithinTheWindow) {
    CrashPolicy p(
        {.firstBackoff = 250ms, .maxBackoff = 4000ms, .crashLoopCount = 3, .crashLoopWindow = 30s});
    const auto t0 = CrashPolicy::Clock::time_point{} + 1h;
    EXPECT_FALSE(p.crashed(t0));
    EXPECT_FALSE(p.crashed(t0 + 31s)); // the first has left the window
    EXPECT_FALSE(p.crashed(t0 + 40s));
    EXPECT_TRUE(p.crashed(t0 + 50s)); // three within 30 s
    EXPECT_EQ(3, p.recentCrashes());
}

TEST(CrashPolicy, ACrashAfterACrashFreeWindowStartsTheBackoffAfresh) {
    CrashPolicy p(
        {.firstBackoff = 250ms, .maxBackoff = 4000ms, .crashLoopCount = 4, .crashLoopWindow = 30s});
    const auto t0 = CrashPolicy::Clock::time_point{} + 1h;
    p.crashed(t0);
    p.crashed(t0 + 1s);
    p.crashed(t0 + 2s);
    EXPECT_EQ(p.restartAt() - (t0 + 2s), 1000ms);
    const auto later = t0 + 10min;
    ASSERT_FALSE(p.crashed(later));
    EXPECT_EQ(p.restartAt() - later, 250ms) << "the backoff stayed doubled after ten quiet minutes";
}

} // namespace
