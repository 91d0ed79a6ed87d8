// The RtAudio PulseAudio backend against a real, private PulseAudio server: a tone from the
// voice host, through shared memory and the mixer, out through RtAudio into a null sink,
// recorded from the sink's monitor with parec and measured.
#include "ToneRig.hpp"
#include "engine/backend/AudioBackend.hpp"
#include "tests/support/pulse/PulseCapture.hpp"
#include "tests/support/pulse/PulseTestServer.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <thread>

namespace govox::ui::test {
namespace {

constexpr std::uint32_t kRate = 48000;

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string line;
    std::getline(in, line);
    return line;
}

// Waits until the backend has rendered `frames` frames; false after ten seconds.
bool waitFrames(const ToneRig& rig, std::uint64_t frames) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (rig.mixer.stats().engineFrame.load() < frames) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

TEST(PulseBackend, ListsTheServer) {
    PulseTestServer server(kRate);
    ASSERT_EQ(server.error(), "");
    std::string error;
    const auto devices = backend::listOutputDevices(backend::BackendKind::Pulse, error);
    EXPECT_EQ(error, "");
    ASSERT_FALSE(devices.empty());
    std::printf("[ measured ] pulse: RtAudio lists '%s' (%zu rates)\n", devices[0].name.c_str(),
                devices[0].sampleRates.size());
    EXPECT_TRUE(devices[0].isDefault);
}

TEST(PulseBackend, PlaysAToneThroughRtAudio) {
    PulseTestServer server(kRate);
    ASSERT_EQ(server.error(), "");
    ToneRig rig(kRate, 2048); // 43 ms: room for a voice host on a busy machine
    ASSERT_NE(rig.created.region, nullptr) << rig.created.error;
    PulseCapture capture(server.address(), std::string(PulseTestServer::kSink) + ".monitor", kRate,
                         server.dir() + "/capture.raw");
    ASSERT_EQ(capture.error(), "");

    auto backend = backend::makeBackend(backend::BackendKind::Pulse);
    backend::StreamRequest request;
    request.sampleRate = kRate;
    request.bufferFrames = 256;
    ASSERT_EQ(backend->start(request, rig.mixer), "");
    const backend::StreamInfo info = backend->info();
    EXPECT_EQ(info.backend, "pulse");
    EXPECT_EQ(info.sampleRate, kRate);
    // Let the stream settle (its first buffers go out in a burst), then play.
    ASSERT_TRUE(waitFrames(rig, kRate / 2)) << "the stream did not start: " << backend->lastError();
    const std::uint64_t xrunsBefore = rig.mixer.stats().xruns.load();
    ASSERT_TRUE(rig.host->noteOn(0, tone::testTone()));
    std::this_thread::sleep_for(std::chrono::milliseconds(2000));
    const std::uint64_t xruns = rig.mixer.stats().xruns.load() - xrunsBefore;
    EXPECT_TRUE(backend->running());
    backend->stop();
    ASSERT_EQ(capture.stop(), "");

    for (const std::vector<float>* channel : {&capture.left(), &capture.right()}) {
        const ToneMeasure m = measureTone(*channel, kRate, kRate / 4, kRate * 3 / 2);
        ASSERT_TRUE(m.found) << "no 1.75 s of tone in " << channel->size() << " recorded frames";
        std::printf("[ measured ] pulse (RtAudio, %u-frame buffer): %.4f Hz (error %+.4f Hz), "
                    "level error %+.4f dB, largest step %.4f, onset at frame %zu\n",
                    info.bufferFrames, m.frequency, m.frequency - 440.0, m.levelDb, m.step.size,
                    m.onset);
        EXPECT_NEAR(m.frequency, 440.0, 1.0);
        EXPECT_NEAR(m.levelDb, 0.0, 1.0);
        EXPECT_LE(m.step.size, maxCleanStep(kRate)) << "a gap or a click; load " << loadAverage();
    }
    std::printf("[ measured ] pulse (RtAudio): xruns %llu, voice underruns %llu, load %s\n",
                static_cast<unsigned long long>(xruns),
                static_cast<unsigned long long>(rig.mixer.stats().underruns.load()),
                loadAverage().c_str());
    EXPECT_EQ(xruns, 0u) << "load " << loadAverage();
    EXPECT_EQ(rig.mixer.stats().underruns.load(), 0u) << "load " << loadAverage();
}

} // namespace
} // namespace govox::ui::test
