// Go voices rendered offline in lockstep: the right pitch at the right time, an envelope
// that rises and falls, silence after the release, and bit-identical output run to run.
#include "tests/support/voices/TestVoices.hpp"

#include "engine/midi/MidiFile.hpp"
#include "engine/render/OfflineRender.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>
#include <vector>

namespace {

using govox::midi::TimedMessage;
constexpr std::uint32_t kRate = 48000;

struct Render {
    std::vector<float> left, right;
    std::string error;
};

// Renders `song` through the voice in go-plugins/<dir> with the engine's offline path,
// into the WAV at `wavPath`, and reads the file back.
Render renderThrough(const std::string& dir, const std::vector<TimedMessage>& song, double seconds,
                     const std::string& wavPath,
                     const std::vector<govox::render::ParamPoint>& automation = {}) {
    govox::host::HostProblem problem;
    auto renderer = govox::render::OfflineRender::start({.voiceName = dir,
                                                         .library = govox::test::voiceLibrary(dir),
                                                         .hostBinary = GOVOX_VOICEHOST_PATH,
                                                         .sampleRate = kRate,
                                                         .maxTailSeconds = 10.0},
                                                        problem);
    if (!renderer) return {{}, {}, problem.message};
    renderer->automate(automation);
    const govox::render::RenderOutcome outcome = renderer->renderToWav({song, seconds}, wavPath);
    if (!outcome.ok()) return {{}, {}, outcome.error};
    SF_INFO info{};
    SNDFILE* f = sf_open(wavPath.c_str(), SFM_READ, &info);
    if (!f) return {{}, {}, "cannot read back " + wavPath};
    std::vector<float> frames(static_cast<std::size_t>(info.frames) * 2);
    sf_readf_float(f, frames.data(), info.frames);
    sf_close(f);
    Render out;
    for (std::size_t i = 0; i < frames.size(); i += 2) {
        out.left.push_back(frames[i]);
        out.right.push_back(frames[i + 1]);
    }
    return out;
}

double rmsOf(const std::vector<float>& x, double from, double to) {
    double s = 0;
    const auto a = static_cast<std::size_t>(from * kRate),
               b = std::min(x.size(), static_cast<std::size_t>(to * kRate));
    for (std::size_t i = a; i < b; ++i) s += double(x[i]) * x[i];
    return b > a ? std::sqrt(s / double(b - a)) : 0.0;
}

// Magnitude at `hz` relative to the signal's RMS, by correlation (a one-bin DFT).
double toneStrength(const std::vector<float>& x, double hz, double from, double to) {
    double re = 0, im = 0, energy = 0;
    const auto a = static_cast<std::size_t>(from * kRate),
               b = std::min(x.size(), static_cast<std::size_t>(to * kRate));
    for (std::size_t i = a; i < b; ++i) {
        const double w = 2 * std::numbers::pi * hz * double(i) / kRate;
        re += x[i] * std::cos(w);
        im += x[i] * std::sin(w);
        energy += double(x[i]) * x[i];
    }
    const double n = double(b - a);
    return energy > 0 ? std::sqrt((re * re + im * im) * 2 / n) / std::sqrt(energy / n) : 0.0;
}

std::string tempWav(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("govox-" + name + ".wav")).string();
}

double noteHz(int note) {
    return 440.0 * std::pow(2.0, (note - 69) / 12.0);
}

// A4 from 0.1 s to 1.1 s, then E5 from 1.3 s to 1.8 s.
const std::vector<TimedMessage> kSong{
    {0.1, 0x90, 69, 100}, {1.1, 0x80, 69, 0}, {1.3, 0x90, 76, 100}, {1.8, 0x80, 76, 0}};

TEST(VoiceRender, SineVoicePlaysThePitchesAtTheirTimesAndFallsSilent) {
    const Render r = renderThrough("internal/testvoices/sine", kSong, 1.8, tempWav("sine"));
    ASSERT_EQ("", r.error);
    EXPECT_LT(rmsOf(r.left, 0.0, 0.099), 1e-6) << "sound before the first note";
    EXPECT_NEAR(0.25 / std::sqrt(2.0), rmsOf(r.left, 0.3, 1.0), 0.01);
    EXPECT_GT(toneStrength(r.left, noteHz(69), 0.3, 1.0), 0.99);
    EXPECT_GT(toneStrength(r.left, noteHz(76), 1.4, 1.75), 0.99);
    EXPECT_LT(rmsOf(r.left, 1.15, 1.29), 1e-6) << "the first note did not stop";
    EXPECT_LT(rmsOf(r.left, 1.85, 2.0), 1e-6) << "not silent after the release";
    // Sample-accurate start: silent up to 0.1 s, sounding right after.
    const auto start = static_cast<std::size_t>(0.1 * kRate);
    EXPECT_EQ(0.0f, r.left[start - 1]);
    EXPECT_NE(0.0f, r.left[start + 2]);
}

struct Example {
    const char* dir;
    int note;
};

class ExampleVoices : public ::testing::TestWithParam<Example> {};

TEST_P(ExampleVoices, SoundAtThePitchPlayedAndEndInSilence) {
    const Example e = GetParam();
    const std::vector<TimedMessage> song{{0.05, 0x90, std::uint8_t(e.note), 110},
                                         {1.5, 0x80, std::uint8_t(e.note), 0}};
    const Render r =
        renderThrough(e.dir, song, 1.5, tempWav(std::filesystem::path(e.dir).filename().string()));
    ASSERT_EQ("", r.error);
    const double level = rmsOf(r.left, 0.15, 0.6);
    EXPECT_GT(level, 0.01) << "too quiet";
    double peak = 0;
    for (float x : r.left) peak = std::max(peak, double(std::fabs(x)));
    EXPECT_LT(peak, 0.98) << "clipping";
    // The fundamental dominates over its neighbours a semitone away.
    const double f = noteHz(e.note);
    EXPECT_GT(toneStrength(r.left, f, 0.15, 0.6), 3 * toneStrength(r.left, f * 1.0595, 0.15, 0.6));
    EXPECT_GT(toneStrength(r.left, f, 0.15, 0.6), 3 * toneStrength(r.left, f / 1.0595, 0.15, 0.6));
    const double end = double(r.left.size()) / kRate;
    EXPECT_LT(rmsOf(r.left, end - 0.05, end), 1e-3) << "still sounding at the end of the render";
}

INSTANTIATE_TEST_SUITE_P(VoiceRender, ExampleVoices,
                         ::testing::Values(Example{"voices/pad", 57}, Example{"voices/pluck", 64},
                                           Example{"voices/gctorture", 69}),
                         [](const auto& p) {
                             return std::filesystem::path(p.param.dir).filename().string();
                         });

TEST(VoiceRender, TheSameSongRendersBitIdenticalTwice) {
    const std::vector<TimedMessage> song{
        {0.0, 0x90, 60, 100}, {0.02, 0x90, 64, 90}, {0.3, 0xE0, 0, 80}, {0.5, 0xB0, 64, 127},
        {0.6, 0x80, 60, 0},   {0.9, 0xB0, 64, 0},   {1.0, 0x80, 64, 0}};
    const Render a = renderThrough("voices/pad", song, 1.0, tempWav("det-a"));
    const Render b = renderThrough("voices/pad", song, 1.0, tempWav("det-b"));
    ASSERT_EQ("", a.error);
    ASSERT_EQ(a.left.size(), b.left.size());
    EXPECT_TRUE(a.left == b.left && a.right == b.right) << "the renders differ";
    std::ifstream fa(tempWav("det-a"), std::ios::binary), fb(tempWav("det-b"), std::ios::binary);
    const std::string bytesA((std::istreambuf_iterator<char>(fa)), {}),
        bytesB((std::istreambuf_iterator<char>(fb)), {});
    EXPECT_TRUE(bytesA == bytesB) << "the WAV files differ byte for byte";
}

// Parameter automation (the render's lane that `govox render --preset` fills from MIDI-learn
// mappings) lands on its frame: the same song with and without a Level change at 0.25 s is
// identical up to frame 12000 and differs from it on, and the level then doubles.
TEST(VoiceRender, ParameterAutomationLandsOnItsFrame) {
    const std::vector<TimedMessage> song{{0.0, 0x90, 69, 100}, {0.5, 0x80, 69, 0}};
    const Render plain = renderThrough("internal/testvoices/sine", song, 0.6, tempWav("auto-a"));
    const Render moved = renderThrough("internal/testvoices/sine", song, 0.6, tempWav("auto-b"),
                                       {{0.25, 0, 0.5f}}); // Level 0.25 -> 0.5
    ASSERT_EQ("", plain.error);
    ASSERT_EQ("", moved.error);
    ASSERT_EQ(plain.left.size(), moved.left.size());
    std::size_t first = 0;
    while (first < plain.left.size() && plain.left[first] == moved.left[first]) ++first;
    EXPECT_EQ(12000u, first) << "the change belongs on frame 0.25 s x 48 kHz";
    EXPECT_NEAR(2.0, rmsOf(moved.left, 0.35, 0.45) / rmsOf(plain.left, 0.35, 0.45), 0.01);
}

} // namespace
