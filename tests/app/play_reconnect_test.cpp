// `govox play` as a user runs it in a terminal, through a JACK server that dies and comes
// back: the command must reopen its stream (on the fallback) instead of exiting, go back
// to JACK by itself once the server is there again, and the held note must be heard on
// the new server at its pitch.
#include "PlayProcess.hpp"
#include "tests/support/audio/ToneSignal.hpp"
#include "tests/support/jack/JackCapture.hpp"
#include "tests/support/jack/JackTestServer.hpp"

#include <gtest/gtest.h>

#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <string>

namespace {

using namespace govox::backend;
using govox::app::test::PlayProcess;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kRate = 48000, kPeriod = 128;

struct Heard {
    double frequency = 0, rms = 0;
};

// Listens to Govox's outputs on the current server for half a second.
Heard listen(std::string& error) {
    test::JackCapture capture("govox-play-ears", kRate / 2);
    if (!(error = capture.error()).empty() || !(error = capture.connectFrom("Govox")).empty())
        return {};
    capture.arm();
    if (!capture.waitFull(std::chrono::seconds(10))) {
        error = "JACK stopped calling back";
        return {};
    }
    const std::vector<float>& x = capture.left();
    return {test::zeroCrossingFrequency(x.data(), x.size(), kRate), test::rms(x.data(), x.size())};
}

TEST(GovoxPlay, ReopensWhenTheJackServerDiesAndGoesBackToJackWhenItReturns) {
    test::JackTestServer server(kRate, kPeriod);
    ASSERT_EQ(server.error(), "");
    QTemporaryDir cache;
    PlayProcess play(cache.path(),
                     {"--voice", GOVOX_SDK_DIR "/internal/testvoices/sine", "--backend", "jack",
                      "--midi", "none", "--hold", "69", "--seconds", "120"});

    // The first build may take a while on a cold Go cache.
    std::size_t seen = play.waitFor("through jack", 0, 180);
    ASSERT_NE(seen, std::string::npos) << play.output();
    std::string error;
    const Heard before = listen(error);
    ASSERT_EQ(error, "");
    std::printf("[ measured ] before: %.2f Hz, rms %.3f\n", before.frequency, before.rms);
    EXPECT_NEAR(before.frequency, 440.0, 1.0);
    EXPECT_GT(before.rms, 0.05);

    server.kill();
    const auto killed = Clock::now();
    seen = play.waitFor("the audio stream stopped", seen, 15);
    ASSERT_NE(seen, std::string::npos) << "no word of the dead stream:\n" << play.output();
    seen = play.waitFor("through null", seen, 15);
    ASSERT_NE(seen, std::string::npos) << "did not fall back to the null output:\n"
                                       << play.output();
    EXPECT_TRUE(play.running()) << play.output();

    ASSERT_EQ(server.restart(), "");
    const auto restarted = Clock::now();
    seen = play.waitFor("jack is back; going back to it", seen, 15);
    ASSERT_NE(seen, std::string::npos) << play.output();
    seen = play.waitFor("through jack", seen, 15);
    ASSERT_NE(seen, std::string::npos) << "did not reopen on JACK:\n" << play.output();
    const double back = std::chrono::duration<double>(Clock::now() - restarted).count();
    const Heard after = listen(error);
    ASSERT_EQ(error, "");
    std::printf("[ measured ] after: %.2f Hz, rms %.3f; back on JACK %.2f s after the server "
                "(killed %.2f s before that)\n",
                after.frequency, after.rms, back,
                std::chrono::duration<double>(restarted - killed).count());
    EXPECT_NEAR(after.frequency, 440.0, 1.0) << "the held note, on the new server";
    EXPECT_NEAR(after.rms, before.rms, 0.1 * before.rms);
    EXPECT_TRUE(play.running()) << play.output();
}

} // namespace
