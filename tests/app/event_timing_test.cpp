// Every note on its frame, through a private jackd (dummy driver, 48 kHz, 128 frames): a
// JACK MIDI client plays 32 notes at uneven offsets in their cycles and records Govox's
// output on the same frame clock. Each note must sound one scheduling delay (a host
// buffer) after it was sent, within a buffer + 2 ms, and the delay may vary by at most a
// frame across the 32: events keep their spacing, whatever the ring depth. Then the same
// sequence from a MIDI file through `govox render` must put the onsets at the same
// distances from the first, to the frame.
#include "JackPlayer.hpp"
#include "JackStudio.hpp"

#include "engine/midi/MidiFile.hpp"
#include <QProcess>

#include <gtest/gtest.h>
#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace {

using govox::ui::test::waitUntil;
constexpr std::uint32_t kRate = 48000, kPeriod = 128;
constexpr int kNotes = 32;
constexpr std::uint32_t kSpacing = 4800; // 100 ms: each note's release is over before the next
constexpr std::uint32_t kHeld = 1200;
constexpr float kSilence = 1e-6f;

// Note i's frame from the sequence's start: spaced by kSpacing plus an uneven offset, so
// the notes fall at scattered places in their JACK cycles.
std::uint32_t noteFrame(int i) {
    return std::uint32_t(i) * kSpacing + std::uint32_t(i * 53 % int(kPeriod));
}

// The first frame at or after `from` (and before `to`) that is not silent; `to` if none.
std::size_t onset(const std::vector<float>& x, std::size_t from, std::size_t to, std::size_t step) {
    for (std::size_t i = from; i < to; ++i)
        if (std::fabs(x[i * step]) > kSilence) return i;
    return to;
}

// `govox render` of the sequence; the left channel, or empty with the failure recorded.
std::vector<float> renderOffline(const QString& dir) {
    std::vector<govox::midi::TimedMessage> song;
    for (int i = 0; i < kNotes; ++i) {
        song.push_back({double(noteFrame(i)) / kRate, 0x90, 69, 100});
        song.push_back({double(noteFrame(i) + kHeld) / kRate, 0x80, 69, 0});
    }
    const std::string mid = (dir + "/sequence.mid").toStdString();
    const std::string wav = (dir + "/sequence.wav").toStdString();
    const std::string written = govox::midi::writeMidiFile(mid, song);
    if (!written.empty()) {
        ADD_FAILURE() << written;
        return {};
    }
    QProcess govox;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("GOVOX_SDK_DIR", GOVOX_SDK_DIR);
    env.insert("GOVOX_VOICEHOST", GOVOX_VOICEHOST_PATH);
    env.insert("XDG_CACHE_HOME", dir + "/cache");
    govox.setProcessEnvironment(env);
    govox.setProcessChannelMode(QProcess::MergedChannels);
    govox.start(GOVOX_APP_PATH, {"render", "--voice", GOVOX_SDK_DIR "/internal/testvoices/sine",
                                 "--midi", QString::fromStdString(mid), "--out",
                                 QString::fromStdString(wav), "--rate", QString::number(kRate)});
    if (!govox.waitForFinished(180000) || govox.exitCode() != 0) {
        ADD_FAILURE() << "govox render failed: " << govox.readAll().toStdString();
        return {};
    }
    SF_INFO info{};
    SNDFILE* f = sf_open(wav.c_str(), SFM_READ, &info);
    if (!f || info.channels != 2) {
        ADD_FAILURE() << "cannot read " << wav;
        if (f) sf_close(f);
        return {};
    }
    std::vector<float> frames(std::size_t(info.frames) * 2);
    sf_readf_float(f, frames.data(), info.frames);
    sf_close(f);
    std::vector<float> left(std::size_t(info.frames));
    for (std::size_t i = 0; i < left.size(); ++i) left[i] = frames[2 * i];
    return left;
}

class EventTiming : public ::testing::TestWithParam<std::uint32_t> {};

TEST_P(EventTiming, NotesSoundOneBufferAfterTheyAreSentToTheFrameAndAsTheyRenderOffline) {
    const std::uint32_t ring = GetParam();
    govox::test::JackStudio rig(kRate, kPeriod);
    ASSERT_EQ("", rig.start(ring));
    govox::ui::Studio& studio = rig.studio();

    const std::uint32_t lead = kRate / 4; // the sequence starts a quarter second in
    govox::test::JackPlayer player("keys", lead + noteFrame(kNotes - 1) + kSpacing);
    ASSERT_EQ("", player.error());
    ASSERT_EQ("", player.connect("Govox", "Govox"));
    QTest::qWait(200); // jackd makes new connections visible at its next cycle
    std::vector<govox::test::JackPlayer::Note> notes;
    for (int i = 0; i < kNotes; ++i) {
        notes.push_back({lead + noteFrame(i), 0x90, 69, 100});
        notes.push_back({lead + noteFrame(i) + kHeld, 0x80, 69, 0});
    }
    std::sort(notes.begin(), notes.end(), [](const auto& a, const auto& b) { return a.at < b.at; });
    player.play(notes);
    ASSERT_TRUE(waitUntil([&] { return player.waitFull(0); }, 20000));
    const std::vector<float>& live = player.left();

    std::vector<std::size_t> liveOnsets;
    std::size_t lo = SIZE_MAX, hi = 0;
    for (int i = 0; i < kNotes; ++i) {
        const std::size_t sent = lead + noteFrame(i);
        const std::size_t heard = onset(live, sent, sent + kSpacing / 2, 1);
        ASSERT_LT(heard, sent + kSpacing / 2) << "note " << i << " was not heard";
        liveOnsets.push_back(heard);
        lo = std::min(lo, heard - sent);
        hi = std::max(hi, heard - sent);
    }
    std::printf("[ measured ] ring %u: 32 notes heard %zu..%zu frames after they were sent "
                "(%.2f..%.2f ms; one buffer is %u frames); jitter %zu frame(s); late starts %llu\n",
                ring, lo, hi, 1000.0 * double(lo) / kRate, 1000.0 * double(hi) / kRate, kPeriod,
                hi - lo, static_cast<unsigned long long>(studio.snapshot().lateStarts));
    EXPECT_LE(hi, kPeriod + kRate * 2 / 1000) << "a note waited more than a buffer + 2 ms";
    EXPECT_LE(hi - lo, 1u) << "the notes did not keep their spacing";

    const std::vector<float> offline = renderOffline(rig.tempPath());
    ASSERT_FALSE(offline.empty());
    ASSERT_GE(offline.size(), std::size_t(noteFrame(kNotes - 1) + kHeld)); // to the last release
    std::size_t first = 0;
    for (int i = 0; i < kNotes; ++i) {
        const std::size_t to = std::min(offline.size(), std::size_t(noteFrame(i) + kSpacing / 2));
        const std::size_t at = onset(offline, noteFrame(i), to, 1);
        ASSERT_LT(at, to) << "note " << i << " is silent offline";
        if (i == 0) first = at;
        EXPECT_EQ(at - first, liveOnsets[std::size_t(i)] - liveOnsets[0])
            << "note " << i << ": offline and live onsets differ";
    }
}

INSTANTIATE_TEST_SUITE_P(Rings, EventTiming, ::testing::Values(512u, 2048u),
                         [](const auto& p) { return "ring" + std::to_string(p.param); });

} // namespace
