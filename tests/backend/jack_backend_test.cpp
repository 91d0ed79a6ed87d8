// The JACK backend (JackAudioBackend, libjack) against a real (private, dummy-driver) JACK
// server: a tone from the voice host, through shared memory and the mixer, out of Govox's
// JACK ports and into a capture client of the test's own.
#include "engine/backend/AudioBackend.hpp"
#include "tests/support/audio/ToneSignal.hpp"
#include "tests/support/jack/JackCapture.hpp"
#include "tests/support/jack/JackTestServer.hpp"
#include "tests/support/jack/JackXruns.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

namespace govox::backend {
namespace {

constexpr std::uint32_t kRate = 48000;
constexpr std::uint32_t kPeriod = 128;
const std::string kClient = "govox-under-test";

StreamRequest jackRequest() {
    StreamRequest r;
    r.sampleRate = kRate;
    r.bufferFrames = kPeriod;
    r.clientName = kClient;
    r.connectOutputs = false; // the capture client connects itself
    return r;
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string line;
    std::getline(in, line);
    return line + "\n";
}

// Region, mixer and a tone host filling its rings on a thread, as the app runs a voice
// host. Declared before the backend so that it outlives the stream.
struct ToneRig {
    shm::RegionResult created = shm::Region::create(test::toneRegionConfig(kRate));
    rt::Mixer mixer{test::toneMixerConfig(kRate)};
    std::unique_ptr<govox::standin::ToneVoiceHost> host;

    ToneRig() {
        if (!created.region) return;
        auto regionMixer = mixer.makeRegionMixer(*created.region);
        mixer.add(regionMixer, 0);
        host = std::make_unique<govox::standin::ToneVoiceHost>(*created.region);
        host->markReady();
        host->startThread(std::chrono::milliseconds(2)); // ring target is 21 ms
    }
};

TEST(JackBackend, PlaysAToneWithoutXruns) {
    test::JackTestServer server(kRate, kPeriod);
    ASSERT_EQ(server.error(), "");
    ToneRig rig;
    ASSERT_NE(rig.created.region, nullptr) << rig.created.error;

    auto backend = makeBackend(BackendKind::Jack);
    ASSERT_EQ(backend->start(jackRequest(), rig.mixer), "");
    EXPECT_TRUE(backend->running());
    const StreamInfo info = backend->info();
    EXPECT_EQ(info.backend, "jack");
    EXPECT_EQ(info.device, "system");
    EXPECT_EQ(info.sampleRate, kRate);
    EXPECT_EQ(info.bufferFrames, kPeriod);

    test::JackCapture capture("govox-capture", 2 * kRate);
    ASSERT_EQ(capture.error(), "");
    ASSERT_EQ(capture.connectFrom(kClient), "");
    ASSERT_TRUE(rig.host->noteOn(0, test::testTone()));
    capture.arm();
    // Skip the connection and the attack; the rest must be one clean sine played without
    // an xrun. (jackd may report one while the graph is being connected; that is before
    // this window.)
    const std::size_t from = kRate / 4, count = 2 * kRate - from;
    ASSERT_TRUE(capture.waitFrames(from, std::chrono::seconds(10))) << "JACK stopped calling back";
    const std::uint64_t backendXrunsBefore = rig.mixer.stats().xruns.load();
    const std::uint64_t serverXrunsBefore = capture.xruns();
    const test::XrunClients clients{kClient, "govox-capture"};
    const test::XrunReports jackdBefore = test::countXruns(server.log(), clients);
    ASSERT_TRUE(capture.waitFull(std::chrono::seconds(10))) << "JACK stopped calling back";
    const std::uint64_t backendXruns = rig.mixer.stats().xruns.load() - backendXrunsBefore;
    const std::uint64_t serverXruns = capture.xruns() - serverXrunsBefore;
    const test::XrunReports jackdAfter = test::countXruns(server.log(), clients);
    backend->stop();
    EXPECT_FALSE(backend->running());
    rig.host->stopThread();

    const double expected = test::expectedToneRms(test::testTone());
    const double maxStep = 1.2 * 0.5 * 2.0 * 3.14159265 * 440.0 / kRate; // sine's steepest
    for (const std::vector<float>* channel : {&capture.left(), &capture.right()}) {
        const float* x = channel->data() + from;
        const double f = test::zeroCrossingFrequency(x, count, kRate);
        const double levelDb = test::decibels(test::rms(x, count) / expected);
        const test::Step step = test::largestStep(x, count);
        std::printf("[ measured ] jack: %.4f Hz (error %+.4f Hz), level error %+.4f dB, "
                    "largest step %.4f at frame %zu\n",
                    f, f - 440.0, levelDb, step.size, from + step.at);
        EXPECT_NEAR(f, 440.0, 1.0);
        EXPECT_NEAR(levelDb, 0.0, 1.0);
        EXPECT_LE(step.size, maxStep) << "a gap or a click in the captured tone";
    }
    std::printf(
        "[ measured ] jack: xruns while playing %llu (backend xrun callbacks), %llu (server), "
        "before %llu/%llu, voice underruns %llu\n",
        static_cast<unsigned long long>(backendXruns), static_cast<unsigned long long>(serverXruns),
        static_cast<unsigned long long>(backendXrunsBefore),
        static_cast<unsigned long long>(serverXrunsBefore),
        static_cast<unsigned long long>(rig.mixer.stats().underruns.load()));
    for (std::size_t i = 0; i < std::min<std::size_t>(capture.xruns(), capture.kXrunLog); ++i)
        std::printf("[ measured ] jack: server xrun %zu after %zu captured frames\n", i,
                    capture.xrunFrames()[i]);
    // Zero xruns of Govox's making. On a shared VM jackd's own timer thread sometimes wakes
    // late (its log then says "Process
    // XRun" and names no client) or a client's thread is not scheduled in time: each such
    // cycle is in jackd's log and may show up once in each count. A late cycle that caught
    // Govox's client still running is Govox's, and so is an xrun jackd did not log.
    const int late = jackdAfter.total - jackdBefore.total;
    const int govoxLate = jackdAfter.govoxRunning - jackdBefore.govoxRunning;
    std::printf("[ measured ] jack: late cycles in jackd's log %d (its timer late %d), "
                "Govox's client caught running in %d\n",
                late, jackdAfter.driverLate - jackdBefore.driverLate, govoxLate);
    const std::string why = "load average: " + loadAverage() + "jackd said:\n" + server.log();
    EXPECT_EQ(govoxLate, 0) << why;
    EXPECT_LE(backendXruns, static_cast<std::uint64_t>(late)) << why;
    EXPECT_LE(serverXruns, static_cast<std::uint64_t>(late)) << why;
    EXPECT_EQ(rig.mixer.stats().underruns.load(), 0u);
}

TEST(JackBackend, WrongSampleRateNamesBothRates) {
    test::JackTestServer server(kRate, kPeriod);
    ASSERT_EQ(server.error(), "");
    ToneRig rig;
    auto backend = makeBackend(BackendKind::Jack);
    StreamRequest r = jackRequest();
    r.sampleRate = 44100;
    const std::string error = backend->start(r, rig.mixer);
    std::printf("[ measured ] jack: \"%s\"\n", error.c_str());
    EXPECT_EQ(error.rfind("JACK: ", 0), 0u) << error;
    EXPECT_NE(error.find("44100"), std::string::npos) << error;
    EXPECT_NE(error.find("48000"), std::string::npos) << error;
    EXPECT_FALSE(backend->running());
}

TEST(JackBackend, UnknownDeviceListsTheOnesThere) {
    test::JackTestServer server(kRate, kPeriod);
    ASSERT_EQ(server.error(), "");
    ToneRig rig;
    auto backend = makeBackend(BackendKind::Jack);
    StreamRequest r = jackRequest();
    r.device = "no-such-client";
    EXPECT_EQ(backend->start(r, rig.mixer),
              "JACK: no output device named 'no-such-client'; available: 'system'");
    std::string error;
    const auto devices = listOutputDevices(BackendKind::Jack, error);
    EXPECT_EQ(error, "");
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].name, "system");
    EXPECT_TRUE(devices[0].isDefault);
    EXPECT_EQ(devices[0].sampleRates, std::vector<std::uint32_t>{kRate});
}

} // namespace
} // namespace govox::backend
