// startWithFallback: the chosen device, then the backend's default, then the other
// backends, and the sentence that says what happened. Driven through a fake starter that
// records every attempt, plus one real engine run on the null backend.
#include "ui/audio/AudioStart.hpp"

#include <gtest/gtest.h>

#include <map>
#include <utility>
#include <vector>

namespace govox::ui {
namespace {

using backend::BackendKind;
using Attempt = std::pair<BackendKind, std::string>;

// Opens what `works` says, lists what `lists` says, and remembers what was tried.
struct FakeSystem {
    std::map<Attempt, std::string> opens;                  // attempt -> device name opened
    std::map<BackendKind, std::vector<std::string>> lists; // absent: cannot list
    std::map<BackendKind, std::string> failure;            // the start error per backend
    std::uint32_t grantedRate = 0;                         // 0: what was asked
    std::vector<Attempt> tried;
    backend::StreamInfo current;

    AudioStarter starter() {
        AudioStarter s;
        s.start = [this](const audio::EngineConfig& c) -> std::string {
            EXPECT_FALSE(c.fallback) << "the engine must not fall back on its own here";
            const Attempt a{c.backend, c.stream.device};
            tried.push_back(a);
            const auto it = opens.find(a);
            if (it == opens.end())
                return failure.count(c.backend)
                           ? failure[c.backend]
                           : std::string(backend::backendName(c.backend)) +
                                 ": no output device named '" + c.stream.device + "'";
            current = {backend::backendName(c.backend), it->second,
                       grantedRate ? grantedRate : c.stream.sampleRate, c.stream.bufferFrames, 0};
            return {};
        };
        s.opened = [this] { return current; };
        s.devices = [this](BackendKind k, std::string& error) {
            std::vector<backend::DeviceInfo> out;
            if (!lists.count(k)) error = failure[k];
            for (const auto& name : lists[k]) out.push_back({name, false, {}});
            return out;
        };
        return s;
    }
};

AudioSettings chosen(BackendKind kind, std::string device) {
    AudioSettings s;
    s.backend = kind;
    s.device = std::move(device);
    return s;
}

TEST(StartWithFallback, TheChosenDeviceOpensWithoutANotice) {
    FakeSystem sys;
    sys.opens[{BackendKind::Alsa, "USB DAC"}] = "USB DAC";
    const StartResult r = startWithFallback(chosen(BackendKind::Alsa, "USB DAC"), sys.starter());
    EXPECT_TRUE(r.playing);
    EXPECT_EQ(r.notice, "");
    EXPECT_EQ(r.stream.device, "USB DAC");
    EXPECT_EQ(sys.tried.size(), 1u);
}

TEST(StartWithFallback, AMissingDeviceFallsBackToTheBackendsDefault) {
    FakeSystem sys;
    sys.lists[BackendKind::Alsa] = {"Built-in Audio", "HDMI"};
    sys.opens[{BackendKind::Alsa, ""}] = "Built-in Audio";
    const StartResult r = startWithFallback(chosen(BackendKind::Alsa, "USB DAC"), sys.starter());
    EXPECT_TRUE(r.playing);
    EXPECT_EQ(r.notice, "Device 'USB DAC' is not connected; playing through 'Built-in Audio' "
                        "instead");
    EXPECT_EQ(sys.tried,
              (std::vector<Attempt>{{BackendKind::Alsa, "USB DAC"}, {BackendKind::Alsa, ""}}));
}

TEST(StartWithFallback, ADeviceThatIsThereButRefusesIsNamedWithItsError) {
    FakeSystem sys;
    sys.lists[BackendKind::Alsa] = {"USB DAC", "Built-in Audio"};
    sys.failure[BackendKind::Alsa] = "ALSA: cannot play to 'USB DAC': device busy";
    sys.opens[{BackendKind::Alsa, ""}] = "Built-in Audio";
    const StartResult r = startWithFallback(chosen(BackendKind::Alsa, "USB DAC"), sys.starter());
    EXPECT_EQ(r.notice, "Device 'USB DAC' could not be opened (ALSA: cannot play to 'USB DAC': "
                        "device busy); playing through 'Built-in Audio' instead");
}

TEST(StartWithFallback, ABackendThatCannotListGoesStraightToTheNextBackend) {
    FakeSystem sys;
    sys.failure[BackendKind::Jack] = "JACK: no server running";
    sys.opens[{BackendKind::Pulse, ""}] = "PulseAudio";
    const StartResult r = startWithFallback(chosen(BackendKind::Jack, "system"), sys.starter());
    EXPECT_TRUE(r.playing);
    EXPECT_EQ(r.notice, "JACK: no server running; playing through PulseAudio 'PulseAudio' instead");
    EXPECT_EQ(sys.tried,
              (std::vector<Attempt>{{BackendKind::Jack, "system"}, {BackendKind::Pulse, ""}}));
}

TEST(StartWithFallback, TheDefaultDeviceFallsThroughTheEnginesOrderToNull) {
    FakeSystem sys;
    sys.failure = {{BackendKind::Qt, "Qt Multimedia: no audio output found"},
                   {BackendKind::Jack, "JACK: no server running"},
                   {BackendKind::Pulse, "PulseAudio: no server running"},
                   {BackendKind::Alsa, "ALSA: no sound card found"}};
    sys.opens[{BackendKind::Null, ""}] = "null";
    const StartResult r = startWithFallback(chosen(BackendKind::Qt, ""), sys.starter());
    EXPECT_TRUE(r.playing);
    EXPECT_EQ(r.notice, "Qt Multimedia: no audio output found; JACK: no server running; "
                        "PulseAudio: no server running; ALSA: no sound card found; playing "
                        "through the silent null output instead");
}

TEST(StartWithFallback, WhenNothingOpensTheErrorListsEveryReason) {
    FakeSystem sys;
    sys.failure = {{BackendKind::Jack, "J"},
                   {BackendKind::Pulse, "P"},
                   {BackendKind::Alsa, "A"},
                   {BackendKind::Null, "N"}};
    const StartResult r = startWithFallback(chosen(BackendKind::Jack, ""), sys.starter());
    EXPECT_FALSE(r.playing);
    EXPECT_EQ(r.error, "No audio output could be opened: J; P; A; N");
}

TEST(StartWithFallback, ARateTheDeviceRefusedIsSaid) {
    FakeSystem sys;
    sys.opens[{BackendKind::Alsa, ""}] = "Built-in Audio";
    sys.grantedRate = 44100;
    const StartResult r = startWithFallback(chosen(BackendKind::Alsa, ""), sys.starter());
    EXPECT_EQ(r.notice, "48000 Hz is not available; playing at 44100 Hz");
}

TEST(StartWithFallback, DrivesARealEngine) {
    audio::AudioEngine engine;
    AudioSettings s = chosen(BackendKind::Null, "");
    s.bufferFrames = 256;
    const StartResult r = startWithFallback(engine, s);
    EXPECT_TRUE(r.playing);
    EXPECT_EQ(r.notice, "");
    EXPECT_EQ(r.stream.backend, "null");
    EXPECT_EQ(r.stream.bufferFrames, 256u);
    EXPECT_TRUE(engine.running());
}

} // namespace
} // namespace govox::ui
