// Control latency independent of the ring, through a private jackd (dummy driver, 48 kHz,
// 128 frames): a JACK MIDI client sends note-offs, a controller mapped by MIDI learn to
// the sine voice's Level, and pitch bends, 20 of each at scattered offsets in their JACK
// cycles, while notes sound, and records Govox's output on the same frame clock. Each
// change must be heard within a host buffer + 2 ms of being sent, at a 512- and at a
// 2048-frame ring: the voice host renders again from a saved state and rewrites what is
// in the ring (rollback) instead of letting the change wait behind it.
//
// "Heard" is the first frame where the output leaves the steady sine fitted to the frames
// before the change by more than 1 % of its amplitude: a release, a level change or a
// pitch change all depart from it within a few frames (the release's 20 ms ramp, the
// level's 10 ms smoother, the bend's phase drift).
#include "JackPlayer.hpp"
#include "JackStudio.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace {

using govox::ui::test::waitUntil;
constexpr std::uint32_t kRate = 48000, kPeriod = 128;
constexpr int kTrials = 20;
constexpr std::uint32_t kTrial = 4800;    // 100 ms per trial: a note, one change, its end
constexpr std::uint32_t kChangeAt = 2400; // the change, after the note has settled
constexpr std::uint8_t kLevelCc = 7;      // mapped to the sine's Level by MIDI learn

enum class Kind { NoteOff, Controller, Bend };
const char* name(Kind k) {
    return k == Kind::NoteOff ? "note-off" : k == Kind::Controller ? "controller" : "pitch bend";
}

// Trial i's change: its frame from the trial's start, at a scattered offset in its cycle.
std::uint32_t changeFrame(int i) {
    return kChangeAt + std::uint32_t(i * 53 % int(kPeriod));
}

// The MIDI of one trial starting at `t0`: a note, the change, and everything put back.
void trial(std::vector<govox::test::JackPlayer::Note>& out, Kind kind, std::uint32_t t0, int i) {
    const std::uint32_t at = t0 + changeFrame(i);
    out.push_back({t0, 0x90, 69, 100});
    switch (kind) {
    case Kind::NoteOff: out.push_back({at, 0x80, 69, 0}); break;
    case Kind::Controller:
        out.push_back({at, 0xB0, kLevelCc, 127});       // Level 0.25 -> 1
        out.push_back({at + 1200, 0x80, 69, 0});        // the note ends ...
        out.push_back({at + 2000, 0xB0, kLevelCc, 32}); // ... then Level goes back
        break;
    case Kind::Bend:
        out.push_back({at, 0xE0, 0x7F, 0x7F}); // full up: +2 semitones
        out.push_back({at + 1200, 0x80, 69, 0});
        out.push_back({at + 2000, 0xE0, 0x00, 0x40}); // centred again
        break;
    }
}

// How many frames after `sent` the output departs from the steady 440 Hz sine fitted to
// the 1024 frames before it; SIZE_MAX if it never does within a trial.
std::size_t heardAfter(const std::vector<float>& x, std::size_t sent) {
    const double w = 2 * std::numbers::pi * 440.0 / kRate;
    double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0; // least squares for a sin + b cos
    for (std::size_t n = sent - 1024; n < sent; ++n) {
        const double s = std::sin(w * double(n)), c = std::cos(w * double(n));
        ss += s * s, sc += s * c, cc += c * c, xs += x[n] * s, xc += x[n] * c;
    }
    const double det = ss * cc - sc * sc;
    const double a = (xs * cc - xc * sc) / det, b = (xc * ss - xs * sc) / det;
    const double amplitude = std::hypot(a, b);
    if (amplitude < 0.05) return SIZE_MAX; // no note sounding: the trial went wrong
    for (std::size_t n = sent; n < sent + kTrial / 4; ++n) {
        const double p = a * std::sin(w * double(n)) + b * std::cos(w * double(n));
        if (std::fabs(x[n] - p) > 0.01 * amplitude) return n - sent;
    }
    return SIZE_MAX;
}

constexpr std::uint32_t kLimit = kPeriod + kRate * 2 / 1000; // a buffer + 2 ms

// One play of the whole sequence through a fresh server and studio.
struct Measurement {
    std::string error;         // the run could not be made at all
    bool withinLimit = true;   // every measured change heard within kLimit
    std::uint64_t hiccups = 0; // JACK xruns and notes that started late: the machine stalled
    std::uint64_t corruptions = 0;
};

Measurement measure(std::uint32_t ring) {
    Measurement m;
    govox::test::JackStudio rig(kRate, kPeriod);
    if (std::string e = rig.start(ring); !e.empty()) return {e};
    rig.studio().midiLearn().setMappings({{-1, kLevelCc, "Level"}});

    const Kind kinds[] = {Kind::NoteOff, Kind::Controller, Kind::Bend};
    const std::uint32_t lead = kRate / 4;
    const std::uint32_t length = lead + 3 * kTrials * kTrial + kTrial;
    govox::test::JackPlayer player("keys", length);
    if (!player.error().empty()) return {player.error()};
    if (std::string e = player.connect("Govox", "Govox"); !e.empty()) return {e};
    QTest::qWait(200); // jackd makes new connections visible at its next cycle
    std::vector<govox::test::JackPlayer::Note> midi;
    for (int k = 0; k < 3; ++k)
        for (int i = 0; i < kTrials; ++i)
            trial(midi, kinds[k], lead + std::uint32_t(k * kTrials + i) * kTrial, i);
    std::stable_sort(midi.begin(), midi.end(),
                     [](const auto& a, const auto& b) { return a.at < b.at; });
    player.play(midi);
    if (!waitUntil([&] { return player.waitFull(0); }, 30000))
        return {"the recording never filled"};
    const std::vector<float>& out = player.left();

    // A JACK xrun (the VM's scheduling, with or without Govox) may shift the recorded
    // frames around it by a cycle, and JACK reports it from another thread, later: trials
    // from a trial before one to just after it are not measured.
    const std::vector<std::size_t> xruns = player.xrunPositions();
    const auto nearXrun = [&](std::size_t sent) {
        return std::any_of(xruns.begin(), xruns.end(), [&](std::size_t x) {
            return x + 1024 + 4 * kPeriod >= sent && x <= sent + kTrial;
        });
    };
    for (int k = 0; k < 3; ++k) {
        std::size_t lo = SIZE_MAX, hi = 0;
        int measured = 0;
        for (int i = 0; i < kTrials; ++i) {
            const std::size_t sent = lead + std::size_t(k * kTrials + i) * kTrial + changeFrame(i);
            if (nearXrun(sent)) continue;
            ++measured;
            const std::size_t heard = heardAfter(out, sent);
            if (heard == SIZE_MAX)
                return {std::string(name(kinds[k])) + " " + std::to_string(i) + " was never heard"};
            lo = std::min(lo, heard);
            hi = std::max(hi, heard);
        }
        if (measured < kTrials / 2) return {"the JACK server had too many xruns to measure"};
        std::printf("[ measured ] ring %u: %-10s heard %zu..%zu frames after it was sent "
                    "(%.2f..%.2f ms; the limit is %u frames; %d of %d trials clear of xruns)\n",
                    ring, name(kinds[k]), lo, hi, 1000.0 * double(lo) / kRate,
                    1000.0 * double(hi) / kRate, kLimit, measured, kTrials);
        m.withinLimit = m.withinLimit && hi <= kLimit;
    }
    const auto snapshot = rig.studio().snapshot();
    std::printf("[ measured ] ring %u: %llu underruns, %llu late starts, %llu jack xruns\n", ring,
                static_cast<unsigned long long>(snapshot.underruns),
                static_cast<unsigned long long>(snapshot.lateStarts),
                static_cast<unsigned long long>(player.xruns()));
    m.hiccups = snapshot.lateStarts + player.xruns();
    m.corruptions = snapshot.corruptions;
    return m;
}

class ControlLatency : public ::testing::TestWithParam<std::uint32_t> {};

// A change reaches the voice host through three wake-ups (MIDI, the host's event loop, the
// note's goroutine) in the rest of the cycle it came in; a machine that stalls a thread
// for a millisecond then lands it on the next block. Such a stall shows as a JACK xrun or
// a late note start, and only then is the play repeated, once: a quiet machine must pass.
TEST_P(ControlLatency, NoteOffControllerAndBendAreHeardWithinABufferAndTwoMilliseconds) {
    const std::uint32_t ring = GetParam();
    Measurement m = measure(ring);
    ASSERT_EQ("", m.error);
    if (!m.withinLimit && m.hiccups > 0) {
        std::printf("[ measured ] ring %u: the machine stalled (%llu xruns and late starts): "
                    "once more\n",
                    ring, static_cast<unsigned long long>(m.hiccups));
        m = measure(ring);
        ASSERT_EQ("", m.error);
    }
    EXPECT_TRUE(m.withinLimit) << "a change waited more than a buffer + 2 ms";
    EXPECT_EQ(0u, m.corruptions) << "a rewrite broke the handshake";
}

INSTANTIATE_TEST_SUITE_P(Rings, ControlLatency, ::testing::Values(512u, 2048u),
                         [](const auto& p) { return "ring" + std::to_string(p.param); });

} // namespace
