// Blame for late JACK cycles as read from jackd's log (tests/support/jack/JackXruns.hpp):
// the rule the soak and the JACK end-to-end tests judge Govox by.
#include "tests/support/jack/JackXruns.hpp"

#include <gtest/gtest.h>

namespace {

using govox::backend::test::countXruns;
using govox::backend::test::XrunReports;

constexpr const char* kGovoxRunning =
    "ERROR: JackEngine::XRun: client = Govox was not finished, state = Running\n";
constexpr const char* kGovoxWaiting =
    "ERROR: JackEngine::XRun: client = Govox was not finished, state = Triggered\n";
constexpr const char* kSoakRunning =
    "ERROR: JackEngine::XRun: client = soak-idle was not finished, state = Running\n";
constexpr const char* kProcessError =
    "ERROR: JackAudioDriver::ProcessGraphAsyncMaster: Process error\n";
constexpr const char* kDriverLate = "ERROR: JackTimedDriver::Process XRun = 1835 usec\n";

TEST(JackXruns, AGovoxClientRunningInAnOnTimeCycleIsGovoxs) {
    const std::string log = std::string(kGovoxRunning) + kProcessError;
    const XrunReports r = countXruns(log);
    EXPECT_EQ(r.total, 1);
    EXPECT_EQ(r.govoxRunning, 1);
    EXPECT_EQ(r.govoxInStall, 0);
    ASSERT_EQ(r.govoxCycles.size(), 1u);
    EXPECT_EQ(r.govoxCycles[0], "Govox running");
}

TEST(JackXruns, AGovoxClientStillWaitingIsTheMachines) {
    const XrunReports r = countXruns(std::string(kGovoxWaiting) + kProcessError);
    EXPECT_EQ(r.total, 1);
    EXPECT_EQ(r.govoxRunning, 0);
}

TEST(JackXruns, ClientsCaughtAfterTheDriverWokeLateAreAStallAndBlameNobody) {
    // The driver's late wake-up comes first; the clients jackd then finds unfinished
    // belong to the same late cycle.
    const std::string log = std::string(kDriverLate) + kGovoxRunning + kSoakRunning +
                            kProcessError + kGovoxRunning + kProcessError;
    const XrunReports r = countXruns(log);
    EXPECT_EQ(r.total, 2);
    EXPECT_EQ(r.driverLate, 1);
    EXPECT_EQ(r.govoxInStall, 1);
    EXPECT_EQ(r.govoxRunning, 1) << "the second cycle's driver was on time";
    EXPECT_EQ(r.soakRunning, 0);
}

TEST(JackXruns, IdleClientsCaughtRunningAreTheYardstick) {
    const std::string log =
        std::string(kSoakRunning) + kProcessError + kSoakRunning + kGovoxRunning + kProcessError;
    const XrunReports r = countXruns(log);
    EXPECT_EQ(r.total, 2);
    EXPECT_EQ(r.soakRunning, 2);
    EXPECT_EQ(r.govoxRunning, 1);
}

TEST(JackXruns, EveryClientLineOfALateCycleIsAnXrunCallbackToEveryClient) {
    // One late cycle as a stalled machine gives it: the driver late, every client still
    // waiting, one that finished after the deadline. jackd calls every client's xrun
    // callback once per line.
    const std::string log =
        std::string(kDriverLate) + kGovoxWaiting +
        "ERROR: JackEngine::XRun: client = Govox-01 was not finished, state = Triggered\n"
        "ERROR: JackEngine::XRun: client = keys was not finished, state = Triggered\n"
        "ERROR: JackEngine::XRun: client keys finished after current callback\n" +
        kProcessError;
    const XrunReports r = countXruns(log);
    EXPECT_EQ(r.total, 1);
    EXPECT_EQ(r.notices, 5);
    EXPECT_EQ(r.govoxRunning, 0);
}

TEST(JackXruns, AGovoxClientRunningWhileAnIdleClientFinishedLateIsAStall) {
    const std::string idleLate = "ERROR: JackEngine::XRun: client soak-idle finished after "
                                 "current callback\n";
    const XrunReports stall = countXruns(std::string(kGovoxRunning) + idleLate + kProcessError);
    EXPECT_EQ(stall.total, 1);
    EXPECT_EQ(stall.govoxRunning, 0);
    EXPECT_EQ(stall.govoxInStall, 1);
    // A Govox client finishing late is no excuse for a Govox client running.
    const XrunReports own =
        countXruns(std::string(kGovoxRunning) +
                   "ERROR: JackEngine::XRun: client Govox-01 finished after current callback\n" +
                   kProcessError);
    EXPECT_EQ(own.govoxRunning, 1);
}

} // namespace
