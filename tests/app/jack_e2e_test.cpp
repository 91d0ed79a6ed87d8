// End to end through JACK (a private jackd, dummy driver): Govox's virtual MIDI port takes
// a chord from another JACK client, a Go voice plays it, and a JACK client records Govox's
// output. The chord's pitches are there, note-off leads to silence after the release,
// there are no xruns, and note-on latency - the MIDI event at Govox's port to the first
// non-silent output frame - is measured at 512- and 2048-frame rings.
#include "JackPlayer.hpp"
#include "JackStudio.hpp"
#include "tests/support/jack/JackXruns.hpp"
#include "tests/support/qt/QtTestApp.hpp"

#include "ui/studio/Studio.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <numbers>

namespace {

using govox::ui::test::waitUntil;
constexpr std::uint32_t kRate = 48000, kPeriod = 128;

double strength(const std::vector<float>& x, double hz, std::size_t from, std::size_t to) {
    double re = 0, im = 0, energy = 0;
    for (std::size_t i = from; i < to; ++i) {
        const double w = 2 * std::numbers::pi * hz * double(i) / kRate;
        re += x[i] * std::cos(w);
        im += x[i] * std::sin(w);
        energy += double(x[i]) * x[i];
    }
    // Amplitude at hz over the amplitude of a sine with all the signal's energy: 1 for a
    // pure tone, 1/sqrt(3) for each of three equal tones, about 0 for a frequency not there.
    const double n = double(to - from);
    return (2.0 * std::sqrt(re * re + im * im) / n) / std::sqrt(2.0 * energy / n);
}

double hz(int note) {
    return 440.0 * std::pow(2.0, (note - 69) / 12.0);
}

class JackEndToEnd : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(JackEndToEnd, AChordFromAJackMidiClientIsPlayedAndReleasedWithoutXruns) {
    const std::uint32_t ring = GetParam();
    govox::test::JackStudio rig(kRate, kPeriod);
    ASSERT_EQ("", rig.start(ring));
    govox::ui::Studio& studio = rig.studio();
    govox::backend::test::JackTestServer& server = rig.server();

    govox::test::JackPlayer player("keys", 3 * kRate);
    ASSERT_EQ("", player.error());
    ASSERT_EQ("", player.connect("Govox", "Govox"));
    QTest::qWait(200); // jackd makes new connections visible at its next cycle
    const std::uint64_t xrunsBefore = studio.snapshot().xruns;
    const std::uint64_t serverXrunsBefore = player.xruns(); // connecting may cost one
    const govox::backend::test::XrunClients clients{"Govox", "keys"};
    const govox::backend::test::XrunReports jackdBefore =
        govox::backend::test::countXruns(server.log(), clients);
    // A one-second chord, sent at the start of a JACK cycle: the worst case, a full buffer
    // before the next cycle can play it.
    const std::uint32_t on = (kRate / 4 / kPeriod) * kPeriod, off = on + kRate;
    player.play({{on, 0x90, 60, 100},
                 {on, 0x90, 64, 100},
                 {on, 0x90, 67, 100},
                 {off, 0x80, 60, 0},
                 {off, 0x80, 64, 0},
                 {off, 0x80, 67, 0}});
    ASSERT_TRUE(waitUntil([&] { return player.waitFull(0); }, 10000));
    const std::vector<float>& x = player.left();

    std::size_t first = on;
    while (first < x.size() && std::fabs(x[first]) < 1e-6f) ++first;
    const double latencyMs = 1000.0 * double(first - on) / kRate;
    std::printf("[ measured ] ring %u frames: note-on latency %zu frames = %.2f ms (one buffer = "
                "%.2f ms)\n",
                ring, first - on, latencyMs, 1000.0 * kPeriod / kRate);
    EXPECT_LE(latencyMs, 1000.0 * kPeriod / kRate + 2.0)
        << "note-on waits for more than a buffer + 2 ms";

    for (int note : {60, 64, 67})
        EXPECT_GT(strength(x, hz(note), on + kRate / 5, on + kRate * 4 / 5), 0.4)
            << "note " << note << " missing";
    EXPECT_LT(strength(x, hz(62), on + kRate / 5, on + kRate * 4 / 5), 0.1)
        << "a note that was not played";
    // The sine voice releases over 20 ms, after the ring's depth of audio already rendered.
    const std::size_t silentFrom = off + ring + kRate / 50 + 2 * kPeriod + kRate / 100;
    float tail = 0;
    for (std::size_t i = silentFrom; i < x.size(); ++i) tail = std::max(tail, std::fabs(x[i]));
    EXPECT_LT(tail, 1e-4f) << "still sounding " << (silentFrom - off) << " frames after note-off";
    // Zero xruns of Govox's making: a late cycle is Govox's when jackd caught one of its
    // clients (audio, JACK MIDI) still running, or when jackd did not log it at all. A cycle
    // in which every client was still waiting to be scheduled, the test's own real-time
    // client included, is the machine's (seen on a shared VM at load 0.4).
    QTest::qWait(50); // jackd's log of the last cycles
    const govox::backend::test::XrunReports jackdAfter =
        govox::backend::test::countXruns(server.log(), clients);
    const int late = jackdAfter.total - jackdBefore.total;
    const int govoxLate = jackdAfter.govoxRunning - jackdBefore.govoxRunning;
    // jackd calls each client's xrun callback once per client it names in a late cycle.
    const int notices = jackdAfter.notices - jackdBefore.notices;
    std::printf(
        "[ measured ] late cycles in jackd's log %d (xrun callbacks %d), Govox's clients caught "
        "running in %d\n",
        late, notices, govoxLate);
    EXPECT_EQ(govoxLate, 0) << server.log();
    EXPECT_LE(player.xruns() - serverXrunsBefore, static_cast<std::uint64_t>(notices))
        << server.log();
    QTest::qWait(100); // the next snapshot carries the mixer's count
    EXPECT_LE(studio.snapshot().xruns - xrunsBefore, static_cast<std::uint64_t>(notices))
        << server.log();
    EXPECT_EQ(0u, studio.snapshot().underruns);
}

INSTANTIATE_TEST_SUITE_P(Rings, JackEndToEnd, ::testing::Values(512u, 2048u),
                         [](const auto& p) { return "ring" + std::to_string(p.param); });

} // namespace
