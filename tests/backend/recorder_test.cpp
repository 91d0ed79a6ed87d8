// Recording what the engine plays: the file holds the tone at its pitch, as long as the
// recording ran, appears only when finished, and a write error is reported, not lost.
#include "engine/audio/AudioEngine.hpp"
#include "engine/audio/Recorder.hpp"
#include "engine/standin/ToneVoiceHost.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <sys/resource.h>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace audio = govox::audio;

struct TonePlaying {
    audio::AudioEngine engine;
    std::shared_ptr<govox::shm::Region> region;
    std::unique_ptr<govox::standin::ToneVoiceHost> host;
    TonePlaying() {
        audio::EngineConfig c;
        c.backend = govox::backend::BackendKind::Null;
        c.fallback = false;
        EXPECT_EQ("", engine.start(c));
        auto r = govox::shm::Region::create({.voiceCount = 1,
                                             .ringCapacityFrames = 4096,
                                             .ringTargetFrames = 2048,
                                             .sampleRate = 48000,
                                             .maxBlockFrames = 256});
        region = std::move(r.region);
        host = std::make_unique<govox::standin::ToneVoiceHost>(*region);
        host->startThread();
        engine.attach(region, 0);
        host->noteOn(0, {.frequency = 440.0, .amplitude = 0.5f});
    }
};

double zeroCrossingHz(const std::vector<float>& left, int rate) {
    int crossings = 0;
    for (std::size_t i = 1; i < left.size(); ++i) crossings += left[i - 1] < 0 && left[i] >= 0;
    return double(crossings) * rate / double(left.size());
}

TEST(Recorder, RecordsWhatPlaysIntoAWavThatAppearsWhenFinished) {
    TonePlaying t;
    const fs::path path = fs::temp_directory_path() / "govox-recording.wav";
    fs::remove(path);
    audio::Recorder recorder(t.engine);
    ASSERT_EQ("", recorder.start(path.string()));
    std::this_thread::sleep_for(1s); // the recording's length: a second of real time
    EXPECT_FALSE(fs::exists(path)) << "the file appeared before the recording finished";
    ASSERT_EQ("", recorder.stop());
    ASSERT_TRUE(fs::exists(path));
    SF_INFO info{};
    SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
    ASSERT_NE(nullptr, f);
    std::vector<float> frames(static_cast<std::size_t>(info.frames) * 2);
    sf_readf_float(f, frames.data(), info.frames);
    sf_close(f);
    EXPECT_EQ(48000, info.samplerate);
    EXPECT_EQ(2, info.channels);
    EXPECT_NEAR(1.0, double(info.frames) / 48000, 0.15) << "recorded length";
    std::vector<float> left;
    for (std::size_t i = 4800 * 2; i < frames.size(); i += 2)
        left.push_back(frames[i]); // past the attack
    EXPECT_NEAR(440.0, zeroCrossingHz(left, 48000), 2.0);
    EXPECT_EQ(0u, recorder.droppedFrames());
    fs::remove(path);
}

TEST(Recorder, AFullDiskStopsTheRecordingWithAnErrorAndKeepsWhatWasWritten) {
    TonePlaying t;
    const fs::path path = fs::temp_directory_path() / "govox-recording-full.wav";
    rlimit before{};
    getrlimit(RLIMIT_FSIZE, &before);
    signal(SIGXFSZ, SIG_IGN);                 // a write past the limit fails with EFBIG instead
    rlimit small{64 * 1024, before.rlim_max}; // about 0.17 s of stereo float
    setrlimit(RLIMIT_FSIZE, &small);
    audio::Recorder recorder(t.engine);
    ASSERT_EQ("", recorder.start(path.string()));
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (recorder.error().empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    const std::string error = recorder.stop();
    setrlimit(RLIMIT_FSIZE, &before);
    EXPECT_NE(std::string::npos, error.find("recording stopped")) << error;
    EXPECT_TRUE(fs::exists(path.string() + ".part") || fs::exists(path))
        << "what was written is gone";
    fs::remove(path);
    fs::remove(path.string() + ".part");
}

} // namespace
