// How a JACK stream ends from outside: the server killed (again and again: RtAudio's
// JACK shutdown once took the whole process down with it) and the buffer size changed
// under a running stream. Each must end the stream with a message, leave the process
// alive, and let a new stream play on what the server is now.
#include "engine/backend/AudioBackend.hpp"
#include "tests/support/audio/ToneSignal.hpp"
#include "tests/support/jack/JackTestServer.hpp"

#include <gtest/gtest.h>
#include <jack/jack.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

namespace govox::backend {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::uint32_t kRate = 48000, kPeriod = 128;

StreamRequest jackRequest() {
    StreamRequest r;
    r.sampleRate = kRate;
    r.bufferFrames = kPeriod;
    r.clientName = "govox-stream-end";
    r.connectOutputs = false;
    return r;
}

// The mixer's callbacks counted: a stream that plays calls it every period.
bool callsBack(const rt::Mixer& mixer) {
    const std::uint64_t before = mixer.stats().callbacks.load();
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (Clock::now() < deadline) {
        if (mixer.stats().callbacks.load() >= before + 20) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

// Seconds until running() goes false, or -1 after 10 s.
double secondsUntilStopped(const AudioBackend& backend) {
    const auto start = Clock::now();
    while (backend.running()) {
        if (Clock::now() - start > std::chrono::seconds(10)) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
}

TEST(JackStreamEnd, AKilledServerEndsTheStreamAndANewServerPlaysAgain) {
    test::JackTestServer server(kRate, kPeriod);
    ASSERT_EQ(server.error(), "");
    rt::Mixer mixer{test::toneMixerConfig(kRate)};
    for (int round = 0; round < 6; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        auto backend = makeBackend(BackendKind::Jack);
        ASSERT_EQ(backend->start(jackRequest(), mixer), "");
        ASSERT_TRUE(callsBack(mixer)) << "the stream does not play";
        server.kill();
        const double noticed = secondsUntilStopped(*backend);
        ASSERT_GE(noticed, 0) << "running() still true 10 s after the server died";
        const std::string why = backend->lastError();
        EXPECT_EQ(why.rfind("JACK: the server shut the client down", 0), 0u) << why;
        const auto stopping = Clock::now();
        backend->stop();
        const double stopped = std::chrono::duration<double>(Clock::now() - stopping).count();
        EXPECT_LT(stopped, 2.5) << "stop() waited for a cycle that never ends";
        EXPECT_EQ(backend->lastError(), why) << "kept after stop()";
        std::printf("[ measured ] round %d: stream ended %.0f ms after the kill (\"%s\"), "
                    "stopped in %.1f ms\n",
                    round, 1000 * noticed, why.c_str(), 1000 * stopped);
        backend.reset();
        ASSERT_EQ(server.restart(), "");
    }
    auto backend = makeBackend(BackendKind::Jack);
    ASSERT_EQ(backend->start(jackRequest(), mixer), "");
    EXPECT_TRUE(callsBack(mixer)) << "no callbacks on the restarted server";
    backend->stop();
}

TEST(JackStreamEnd, ABufferSizeChangeEndsTheStreamAndANewOneTakesTheNewSize) {
    test::JackTestServer server(kRate, kPeriod);
    ASSERT_EQ(server.error(), "");
    rt::Mixer mixer{test::toneMixerConfig(kRate)};
    auto backend = makeBackend(BackendKind::Jack);
    ASSERT_EQ(backend->start(jackRequest(), mixer), "");
    ASSERT_TRUE(callsBack(mixer));

    // What `jack_bufsize 256` does: any client may change the server's period.
    jack_client_t* other = jack_client_open("resizer", JackNoStartServer, nullptr);
    ASSERT_NE(other, nullptr);
    ASSERT_EQ(jack_set_buffer_size(other, 2 * kPeriod), 0);
    const double noticed = secondsUntilStopped(*backend);
    ASSERT_GE(noticed, 0) << "still running at a buffer size it was not opened with";
    EXPECT_EQ(backend->lastError(), "JACK: the buffer size changed from 128 to 256 frames");
    const std::uint64_t frozen = mixer.stats().callbacks.load();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(mixer.stats().callbacks.load(), frozen) << "blocks of the new size reached the mixer";
    backend->stop();

    ASSERT_EQ(backend->start(jackRequest(), mixer), "");
    EXPECT_EQ(backend->info().bufferFrames, 2 * kPeriod);
    EXPECT_TRUE(callsBack(mixer));
    EXPECT_EQ(backend->lastError(), "");
    backend->stop();
    jack_client_close(other);
}

} // namespace
} // namespace govox::backend
