// Offline rendering: a tone through the real mixer into a WAV file, read back and measured.
#include "engine/abi/SharedAtomic.hpp"
#include "engine/backend/OfflineBackend.hpp"
#include "tests/support/audio/ToneSignal.hpp"

#include <gtest/gtest.h>
#include <sndfile.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace govox::backend {
namespace {

namespace fs = std::filesystem;
using test::expectedToneRms;
using test::testTone;

constexpr std::uint32_t kRate = 48000;

// A directory of its own under the system temp dir, removed with everything in it.
class TempDir {
public:
    TempDir() {
        static int counter = 0;
        path_ = fs::temp_directory_path() /
                ("govox-offline-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename());
        return out;
    }

private:
    fs::path path_;
};

struct Wav {
    SF_INFO info{};
    std::vector<float> left, right;
    std::string error;
};

Wav readWav(const std::string& path) {
    Wav w;
    SNDFILE* f = sf_open(path.c_str(), SFM_READ, &w.info);
    if (f == nullptr) {
        w.error = sf_strerror(nullptr);
        return w;
    }
    std::vector<float> frames(static_cast<std::size_t>(w.info.frames) * w.info.channels);
    const sf_count_t got = sf_readf_float(f, frames.data(), w.info.frames);
    sf_close(f);
    if (got != w.info.frames || w.info.channels != 2) {
        w.error = "short read or wrong channel count";
        return w;
    }
    for (std::size_t i = 0; i < static_cast<std::size_t>(got); ++i) {
        w.left.push_back(frames[2 * i]);
        w.right.push_back(frames[2 * i + 1]);
    }
    return w;
}

// The lockstep idea: the voice host fills its rings before every block, so a render
// faster than real time never starves. Releases the note once `noteOffAt` is reached.
class FillBeforeEachBlock final : public BlockGate {
public:
    FillBeforeEachBlock(govox::standin::ToneVoiceHost& host, std::uint64_t noteOffAt)
        : host_(host), noteOffAt_(noteOffAt) {}
    bool beforeBlock(std::uint64_t frame) override {
        if (!releasedAt_ && frame >= noteOffAt_) {
            host_.noteOff(0);
            releasedAt_ = frame;
        }
        host_.fillOnce();
        ++blocks_;
        return true;
    }
    std::uint64_t releasedAt() const { return releasedAt_.value_or(0); }
    std::uint64_t blocks() const { return blocks_; }

private:
    govox::standin::ToneVoiceHost& host_;
    std::uint64_t noteOffAt_;
    std::optional<std::uint64_t> releasedAt_;
    std::uint64_t blocks_ = 0;
};

// The tone rig: one region, the mixer, a host. Members in construction order.
struct Rig {
    shm::RegionResult created = shm::Region::create(test::toneRegionConfig(kRate));
    rt::Mixer mixer{test::toneMixerConfig(kRate)};
    std::unique_ptr<govox::standin::ToneVoiceHost> host;

    Rig() {
        if (!created.region) return;
        auto regionMixer = mixer.makeRegionMixer(*created.region);
        mixer.add(regionMixer, 0);
        host = std::make_unique<govox::standin::ToneVoiceHost>(*created.region);
        host->markReady();
    }
};

StreamRequest fileRequest(const std::string& path, std::uint64_t frames, std::uint32_t block) {
    StreamRequest r;
    r.sampleRate = kRate;
    r.bufferFrames = block;
    r.outputPath = path;
    r.offlineFrames = frames;
    return r;
}

TEST(OfflineRender, ToneHasItsFrequencyLevelAndSilentTail) {
    Rig rig;
    ASSERT_NE(rig.created.region, nullptr) << rig.created.error;
    TempDir dir;
    const std::string path = dir.file("tone.wav");
    const std::uint64_t total = kRate * 3 / 2, noteOff = kRate;
    FillBeforeEachBlock gate(*rig.host, noteOff);
    ASSERT_TRUE(rig.host->noteOn(0, testTone()));

    ASSERT_EQ(renderOfflineToWav(fileRequest(path, total, 256), rig.mixer, &gate), "");

    const Wav wav = readWav(path);
    ASSERT_EQ(wav.error, "");
    EXPECT_EQ(wav.info.samplerate, static_cast<int>(kRate));
    EXPECT_EQ(wav.info.channels, 2);
    EXPECT_EQ(wav.info.frames, static_cast<sf_count_t>(total));
    EXPECT_EQ(wav.info.format & SF_FORMAT_TYPEMASK, SF_FORMAT_WAV);
    EXPECT_EQ(wav.info.format & SF_FORMAT_SUBMASK, SF_FORMAT_FLOAT);
    ASSERT_EQ(wav.left.size(), total);

    // Steady part: after the attack, before the release.
    const std::size_t from = kRate / 10, count = kRate * 8 / 10;
    const double expected = expectedToneRms(testTone());
    for (const std::vector<float>* channel : {&wav.left, &wav.right}) {
        const double f = test::zeroCrossingFrequency(channel->data() + from, count, kRate);
        const double levelDb = test::decibels(test::rms(channel->data() + from, count) / expected);
        std::printf("[ measured ] offline: %.6f Hz (error %+.6f Hz), level error %+.6f dB\n", f,
                    f - 440.0, levelDb);
        EXPECT_NEAR(f, 440.0, 1.0);
        EXPECT_NEAR(levelDb, 0.0, 0.5);
    }

    // The voice is ahead of the engine by the ring's fill (768..1024 frames here), so the
    // note plays on at full level for that long after the note-off.
    const std::size_t off = gate.releasedAt();
    EXPECT_GE(test::peak(wav.left.data() + off, 512), 0.45);
    EXPECT_GE(test::peak(wav.right.data() + off, 512), 0.45);
    // Silent once the ring's lead (target fill), the release and the voice's end fade
    // have played, with a margin.
    const std::size_t tail = off + 1024 + kRate * 50 / 1000 + kRate * 3 / 1000 + 512;
    ASSERT_LT(tail, total);
    const double tailPeak = std::max(test::peak(wav.left.data() + tail, total - tail),
                                     test::peak(wav.right.data() + tail, total - tail));
    std::printf("[ measured ] offline: tail peak %.3g from frame %zu\n", tailPeak, tail);
    EXPECT_LE(tailPeak, 1e-6);
    EXPECT_EQ(abi::loadAcquire(rig.created.region->voice(0).state),
              std::uint32_t{GOVOX_VOICE_FREE});
    EXPECT_EQ(rig.mixer.stats().underruns.load(), 0u) << "the gate must keep the voice fed";
    EXPECT_EQ(gate.blocks(), (total + 255) / 256);
}

TEST(OfflineRender, UnwritablePathGivesAnErrorNamingIt) {
    Rig rig;
    ASSERT_NE(rig.created.region, nullptr) << rig.created.error;
    TempDir dir;
    const std::string path = dir.file("no-such-dir/out.wav");
    const std::string error = renderOfflineToWav(fileRequest(path, 1000, 256), rig.mixer);
    EXPECT_NE(error.find(path), std::string::npos) << error;
    EXPECT_NE(error.find("cannot create"), std::string::npos) << error;

    OfflineBackend backend;
    EXPECT_NE(backend.start(fileRequest(path, 1000, 256), rig.mixer).find(path), std::string::npos);
    EXPECT_FALSE(backend.running());
}

TEST(OfflineRender, FullDiskIsReportedNotIgnored) {
    // A file size limit fails writes the way a full disk does (EFBIG instead of ENOSPC).
    struct FileSizeLimit {
        rlimit saved{};
        void (*savedHandler)(int) = nullptr;
        explicit FileSizeLimit(rlim_t bytes) {
            savedHandler = std::signal(SIGXFSZ, SIG_IGN);
            getrlimit(RLIMIT_FSIZE, &saved);
            rlimit limited = saved;
            limited.rlim_cur = bytes;
            setrlimit(RLIMIT_FSIZE, &limited);
        }
        ~FileSizeLimit() {
            setrlimit(RLIMIT_FSIZE, &saved);
            std::signal(SIGXFSZ, savedHandler);
        }
    };
    Rig rig;
    ASSERT_NE(rig.created.region, nullptr) << rig.created.error;
    TempDir dir;
    const std::string path = dir.file("full.wav");
    {
        std::FILE* before = std::fopen(path.c_str(), "w"); // last week's render, say
        ASSERT_NE(before, nullptr);
        std::fputs("keep me", before);
        std::fclose(before);
    }
    std::string error;
    {
        FileSizeLimit limit(64 * 1024);
        error = renderOfflineToWav(fileRequest(path, kRate, 256), rig.mixer);
    }
    std::printf("[ measured ] offline: full disk says \"%s\"\n", error.c_str());
    EXPECT_NE(error.find("writing '" + path + "' failed"), std::string::npos) << error;
    // The file that was there is as it was, and nothing half-written is left beside it.
    std::FILE* after = std::fopen(path.c_str(), "r");
    ASSERT_NE(after, nullptr);
    char text[16] = {};
    EXPECT_EQ(std::fread(text, 1, sizeof text - 1, after), 7u);
    std::fclose(after);
    EXPECT_STREQ(text, "keep me");
    EXPECT_EQ(dir.names(), std::vector<std::string>{"full.wav"});
}

TEST(OfflineRender, BlockingRenderNeedsALength) {
    Rig rig;
    ASSERT_NE(rig.created.region, nullptr) << rig.created.error;
    TempDir dir;
    EXPECT_NE(renderOfflineToWav(fileRequest(dir.file("x.wav"), 0, 256), rig.mixer), "");
    EXPECT_NE(renderOfflineToWav(fileRequest("", 100, 256), rig.mixer), "");
}

TEST(OfflineRender, GateCanEndTheRenderEarly) {
    struct StopAt final : BlockGate {
        bool beforeBlock(std::uint64_t frame) override { return frame < 1000; }
    } gate;
    Rig rig;
    ASSERT_NE(rig.created.region, nullptr) << rig.created.error;
    TempDir dir;
    const std::string path = dir.file("short.wav");
    ASSERT_EQ(renderOfflineToWav(fileRequest(path, kRate, 100), rig.mixer, &gate), "");
    EXPECT_EQ(readWav(path).info.frames, 1000);
}

TEST(OfflineBackend, RendersItsLengthOnItsThreadWithAShortLastBlock) {
    Rig rig;
    ASSERT_NE(rig.created.region, nullptr) << rig.created.error;
    TempDir dir;
    const std::string path = dir.file("thread.wav");
    OfflineBackend backend;
    ASSERT_EQ(backend.start(fileRequest(path, 10000, 256), rig.mixer), "");
    EXPECT_EQ(backend.info().backend, "offline");
    EXPECT_EQ(backend.info().device, path);
    EXPECT_EQ(backend.wait(), "");
    EXPECT_FALSE(backend.running());
    EXPECT_EQ(readWav(path).info.frames, 10000); // 39 blocks of 256 and one of 16
    EXPECT_EQ(rig.mixer.stats().engineFrame.load(), 10000u);
}

TEST(OfflineBackend, RendersUntilStopped) {
    struct Counter final : BlockGate {
        std::atomic<std::uint64_t> blocks{0};
        bool beforeBlock(std::uint64_t) override {
            blocks.fetch_add(1);
            return true;
        }
    } gate;
    Rig rig;
    ASSERT_NE(rig.created.region, nullptr) << rig.created.error;
    TempDir dir;
    const std::string path = dir.file("endless.wav");
    OfflineBackend backend(&gate);
    ASSERT_EQ(backend.start(fileRequest(path, 0, 128), rig.mixer), "");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (gate.blocks.load() < 100 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    EXPECT_TRUE(backend.running());
    EXPECT_FALSE(fs::exists(path)) << "the file has its name before it is complete";
    backend.stop();
    EXPECT_FALSE(backend.running());
    EXPECT_EQ(dir.names(), std::vector<std::string>{"endless.wav"});
    EXPECT_EQ(backend.lastError(), "");
    const sf_count_t frames = readWav(path).info.frames;
    EXPECT_GE(frames, 100 * 128);
    EXPECT_EQ(frames % 128, 0);
    EXPECT_EQ(static_cast<std::uint64_t>(frames), rig.mixer.stats().engineFrame.load());
}

} // namespace
} // namespace govox::backend
