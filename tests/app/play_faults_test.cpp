// `govox play` with voices that go wrong live, written for it against the public SDK
// (go-plugins/internal/testvoices), played from a JACK MIDI keyboard as a user plays:
// stuck in NoteOn, in NoteOff, in a parameter change, producing NaN, panicking mid-render.
// Each is reported in the terminal by the voice's name and the cause within a second of
// the fault, and the command keeps running.
#include "PlayProcess.hpp"
#include "tests/support/jack/JackMidiSource.hpp"
#include "tests/support/jack/JackTestServer.hpp"

#include <gtest/gtest.h>

#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

namespace {

using govox::app::test::PlayProcess;
using govox::backend::test::JackTestServer;
using govox::ui::test::JackMidiSource;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct LiveFault {
    const char* name;
    const char* voice; // in go-plugins/internal/testvoices
    const char* set;   // --set NAME=VALUE, or ""
    int note;
    bool release;       // release the note at once (the fault is in NoteOff)
    double faultAfter;  // seconds after the note (or its release) the voice goes wrong
    const char* report; // in the report line
};

void PrintTo(const LiveFault& f, std::ostream* os) {
    *os << f.name;
}

class PlayFaults : public ::testing::TestWithParam<LiveFault> {};

TEST_P(PlayFaults, AreReportedInTheTerminalByNameAndCauseWithinASecond) {
    const LiveFault f = GetParam();
    JackTestServer server(48000, 128);
    ASSERT_EQ(server.error(), "");
    QTemporaryDir cache;
    QStringList args{"--voice",   QString(GOVOX_SDK_DIR "/internal/testvoices/") + f.voice,
                     "--backend", "null",
                     "--midi",    "jack",
                     "--seconds", "120"};
    if (*f.set) args << "--set" << f.set;
    PlayProcess play(cache.path(), args);
    // The MIDI line comes as the command opens; the start is announced at its first poll.
    const std::size_t plays = play.waitFor("plays (built in", 0, 180);
    ASSERT_NE(plays, std::string::npos) << play.output();
    const std::size_t midi = play.waitFor("MIDI in:", 0, 10);
    ASSERT_NE(midi, std::string::npos) << "no JACK MIDI input:\n" << play.output();
    const std::size_t seen = std::max(plays, midi);

    JackMidiSource keys("govox-test-keys");
    ASSERT_EQ(keys.error(), "");
    ASSERT_EQ(keys.connectTo("Govox:Govox"), "") << play.output();
    // jackd publishes the connection at its next cycle.
    for (auto until = Clock::now() + 3s; keys.connections().empty() && Clock::now() < until;)
        std::this_thread::sleep_for(5ms);
    ASSERT_FALSE(keys.connections().empty());

    keys.sendNoteOn(f.note, 100);
    if (f.release) {
        std::this_thread::sleep_for(100ms); // the note sounds first
        ASSERT_TRUE(keys.sent());
        keys.sendNoteOff(f.note);
    }
    const auto fault = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(f.faultAfter));
    const std::string expected = std::string("voice '") + f.voice + "'";
    const std::size_t at = play.waitFor(f.report, seen, f.faultAfter + 5);
    const double late = std::chrono::duration<double>(Clock::now() - fault).count();
    ASSERT_NE(at, std::string::npos) << "not reported:\n" << play.output();
    const std::size_t lineStart = play.output().rfind('\n', at) + 1;
    const std::string line =
        play.output().substr(lineStart, play.output().find('\n', at) - lineStart);
    std::printf("[ measured ] %s: reported %.3f s after the fault: %s\n", f.name, late,
                line.c_str());
    EXPECT_NE(std::string::npos, line.find(expected)) << line;
    EXPECT_LT(late, 1.0) << line;
    EXPECT_TRUE(play.running()) << play.output();
}

INSTANTIATE_TEST_SUITE_P(
    GovoxPlay, PlayFaults,
    ::testing::Values(
        LiveFault{"StuckInNoteOn", "stuckon", "", 60, false, 0.0, "has been inside NoteOn for"},
        LiveFault{"StuckInNoteOff", "stuckoff", "", 64, true, 0.0, "has been inside NoteOff for"},
        LiveFault{"StuckInAParameterChange", "stuckparam", "Hang=1", 64, false, 0.0,
                  "has been inside ParamChanged for"},
        LiveFault{"ProducingNaN", "nanout", "", 64, false, 0.25,
                  "produced NaN or infinite samples"},
        LiveFault{"PanickingMidRender", "panicmid", "", 64, false, 0.5,
                  "panic: panicmid: exploded after 0.5 s on purpose"}),
    [](const auto& p) { return std::string(p.param.name); });

} // namespace
