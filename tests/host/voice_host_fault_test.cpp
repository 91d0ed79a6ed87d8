// A broken voice never takes the app or the other voices down: every fault leaves the
// engine running, a good voice in the same mixer playing on, and one clear message that
// names the voice and the cause.
#include "tests/support/voices/TestVoices.hpp"

#include "engine/audio/VoiceFaults.hpp"
#include "engine/backend/NullBackend.hpp"
#include "engine/host/HostSupervisor.hpp"
#include "engine/rt/Mixer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

using namespace std::chrono_literals;
using govox::host::HostHealth;
using govox::host::HostProblem;
using govox::host::VoiceHost;
using govox::test::liveHostConfig;
using govox::test::voiceLibrary;

// A mixer playing in real time (null backend) with a good sine voice already sounding.
class LiveMix {
public:
    LiveMix() : mixer_({.sampleRate = 48000, .maxBlockFrames = 256}) {
        HostProblem p;
        good_ =
            VoiceHost::start(liveHostConfig("sine", voiceLibrary("internal/testvoices/sine")), p);
        EXPECT_TRUE(good_) << p.message;
        add(good_->region());
        govox::backend::StreamRequest request;
        EXPECT_EQ("", backend_.start(request, mixer_));
        good_->events().noteOn(0, 0, 69, 100);
    }
    ~LiveMix() { backend_.stop(); }
    void add(const std::shared_ptr<govox::shm::Region>& region) {
        auto rm = mixer_.makeRegionMixer(*region);
        mixers_.push_back(rm.get());
        regions_.push_back(region);
        mixer_.add(rm, 0);
    }
    // The good voice sounds and its ring keeps being filled.
    void expectGoodVoicePlaying() {
        const auto& meter = mixers_.front()->voiceMeter(0);
        const std::uint64_t before = mixer_.stats().engineFrame.load();
        std::this_thread::sleep_for(200ms);
        EXPECT_GT(mixer_.stats().engineFrame.load(), before + 48000 / 10) << "the engine stalled";
        EXPECT_EQ(1u, meter.state.load()) << "the good voice is not active";
        EXPECT_EQ(0u, meter.underruns.load()) << "the good voice underran";
        EXPECT_GT(std::max(mixer_.stats().peakLeft.load(), mixer_.stats().peakRight.load()), 0.1f);
        EXPECT_EQ(HostHealth::Running, good_->check().health);
    }
    govox::rt::Mixer& mixer() { return mixer_; }
    const govox::rt::RegionMixer& regionMixer(std::size_t i) { return *mixers_.at(i); }

private:
    std::vector<std::shared_ptr<govox::shm::Region>> regions_; // outlive the mixer
    govox::rt::Mixer mixer_;
    std::vector<const govox::rt::RegionMixer*> mixers_;
    std::unique_ptr<VoiceHost> good_;
    govox::backend::NullBackend backend_;
};

HostProblem waitForProblem(VoiceHost& host, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        HostProblem p = host.check();
        if (p.health != HostHealth::Running) return p;
        std::this_thread::sleep_for(5ms);
    }
    return {};
}

struct RuntimeFault {
    const char* name;
    int note;
    HostHealth health;
    const char* expected; // in the message
    const char* stackHas; // in the Go stack, or empty
};

class RuntimeFaults : public ::testing::TestWithParam<RuntimeFault> {};

TEST_P(RuntimeFaults, LeaveTheEngineAndOtherVoicesPlayingWithAClearMessage) {
    const RuntimeFault& f = GetParam();
    LiveMix mix;
    HostProblem startFailure;
    auto bad = VoiceHost::start(
        liveHostConfig("misbehave", voiceLibrary("internal/testvoices/misbehave")), startFailure);
    ASSERT_TRUE(bad) << startFailure.message;
    mix.add(bad->region());
    bad->events().noteOn(0, 0, static_cast<std::uint8_t>(f.note), 100);
    const HostProblem p = waitForProblem(*bad, 10s);
    EXPECT_EQ(f.health, p.health) << p.message;
    EXPECT_NE(std::string::npos, p.message.find("voice 'misbehave'")) << p.message;
    EXPECT_NE(std::string::npos, p.message.find(f.expected)) << p.message;
    if (*f.stackHas) {
        EXPECT_NE(std::string::npos, p.stack.find(f.stackHas)) << p.stack;
    }
    bad.reset(); // reaped
    mix.expectGoodVoicePlaying();
}

INSTANTIATE_TEST_SUITE_P(
    VoiceHost, RuntimeFaults,
    ::testing::Values(
        RuntimeFault{"Panic", 1, HostHealth::Crashed, "panic: the voice exploded on purpose",
                     "main.(*voice).Render"},
        RuntimeFault{"NilDereference", 2, HostHealth::Crashed, "nil pointer dereference",
                     "main.(*voice).Render"},
        RuntimeFault{"OsExit", 3, HostHealth::Crashed,
                     "the voice ended its own process (os.Exit?) (host exited with status 3)", ""},
        RuntimeFault{"EndlessLoop", 4, HostHealth::Crashed, "has been inside Render for", ""},
        RuntimeFault{"TenGigabyteAllocation", 5, HostHealth::Crashed, "out of memory", ""}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(VoiceHost, NanOutputIsSilencedCountedAndReportedWhileTheHostLives) {
    LiveMix mix;
    HostProblem startFailure;
    auto bad = VoiceHost::start(
        liveHostConfig("misbehave", voiceLibrary("internal/testvoices/misbehave")), startFailure);
    ASSERT_TRUE(bad) << startFailure.message;
    mix.add(bad->region());
    bad->events().noteOn(0, 0, 6, 100);
    govox::audio::VoiceFaults faults;
    std::vector<govox::audio::VoiceFault> found;
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (found.empty() && std::chrono::steady_clock::now() < deadline) {
        found = faults.poll(mix.regionMixer(1));
        std::this_thread::sleep_for(5ms);
    }
    ASSERT_EQ(1u, found.size());
    const std::string message = found[0].describe("misbehave");
    EXPECT_NE(std::string::npos, message.find("voice 'misbehave' (slot 0) produced NaN"))
        << message;
    EXPECT_GE(mix.mixer().stats().nonfiniteBlocks.load(), 1u);
    EXPECT_EQ(HostHealth::Running, bad->check().health);
    mix.expectGoodVoicePlaying();
}

struct StartFault {
    const char* name;
    const char* library; // relative to go-plugins, or an absolute bogus path
    std::string expected;
};

class StartFaults : public ::testing::TestWithParam<StartFault> {};

TEST_P(StartFaults, AreRefusedWithAClearMessage) {
    const StartFault& f = GetParam();
    const std::string lib = f.library[0] == '/' ? f.library : voiceLibrary(f.library);
    HostProblem p;
    auto host = VoiceHost::start(liveHostConfig("broken", lib), p);
    EXPECT_FALSE(host);
    EXPECT_NE(std::string::npos, p.message.find("voice 'broken'")) << p.message;
    EXPECT_NE(std::string::npos, p.message.find(f.expected)) << p.message;
}

INSTANTIATE_TEST_SUITE_P(
    VoiceHost, StartFaults,
    ::testing::Values(
        StartFault{"NotAGovoxVoice", "internal/testvoices/notavoice", "is not a Govox voice"},
        StartFault{"AbiVersionMismatch", "internal/testvoices/abimismatch",
                   "built for ABI version 999, this Govox speaks version " +
                       std::to_string(GOVOX_ABI_VERSION)},
        StartFault{"MissingLibrary", "/nonexistent/voice.so", "cannot load the voice library"}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(VoiceHost, UnreadableLibraryIsRefusedWithAClearMessage) {
    const std::string path = std::filesystem::temp_directory_path() / "govox-unreadable.so";
    {
        std::ofstream(path) << "not an ELF file";
    }
    HostProblem p;
    auto host = VoiceHost::start(liveHostConfig("broken", path), p);
    EXPECT_FALSE(host);
    EXPECT_NE(std::string::npos, p.message.find("cannot load the voice library")) << p.message;
    std::filesystem::remove(path);
}

// True while `pid` exists and is not a zombie.
bool processRunning(pid_t pid) {
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(stat, line)) return false;
    const auto close = line.rfind(')');
    return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

TEST(VoiceHost, ExitsWhenTheEngineProcessDies) {
    const std::string library = voiceLibrary("internal/testvoices/sine");
    int fds[2];
    ASSERT_EQ(0, pipe(fds));
    const pid_t engine = fork();
    ASSERT_GE(engine, 0);
    if (engine == 0) { // a short-lived "engine": starts a host, then dies without a word
        HostProblem p;
        auto host = VoiceHost::start(liveHostConfig("sine", library), p);
        const pid_t hostPid = host ? host->pid() : -1;
        (void)!write(fds[1], &hostPid, sizeof hostPid);
        _exit(0); // no destructors: the host is orphaned, not shut down
    }
    close(fds[1]);
    pid_t hostPid = -1;
    ASSERT_EQ(static_cast<ssize_t>(sizeof hostPid), read(fds[0], &hostPid, sizeof hostPid));
    close(fds[0]);
    waitpid(engine, nullptr, 0);
    ASSERT_GT(hostPid, 0);
    const auto deadline = std::chrono::steady_clock::now() + 3s;
    while (processRunning(hostPid) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    EXPECT_FALSE(processRunning(hostPid)) << "the orphaned host " << hostPid << " lives on";
}

// A session's part, played by the test: start a host when the supervisor says so.
std::unique_ptr<VoiceHost> startCrashingHost(LiveMix& mix) {
    HostProblem p;
    auto host = VoiceHost::start(
        liveHostConfig("misbehave", voiceLibrary("internal/testvoices/misbehave")), p);
    EXPECT_TRUE(host) << p.message;
    if (!host) return nullptr;
    mix.add(host->region());
    host->events().noteOn(0, 0, 1, 100); // note 1 panics
    return host;
}

TEST(HostSupervisor, RestartsACrashedHostWithBackoffAndGivesUpOnACrashLoop) {
    using govox::host::SupervisorAction;
    using Clock = std::chrono::steady_clock;
    LiveMix mix;
    govox::host::HostSupervisor sup(
        "misbehave",
        {.firstBackoff = 50ms, .maxBackoff = 200ms, .crashLoopCount = 3, .crashLoopWindow = 30s},
        3000ms);
    std::unique_ptr<VoiceHost> host = startCrashingHost(mix);
    ASSERT_TRUE(host);
    std::vector<pid_t> pids{host->pid()};
    std::vector<Clock::time_point> crashed, restarted;
    std::string gaveUp;
    const auto deadline = Clock::now() + 20s;
    while (gaveUp.empty() && Clock::now() < deadline) {
        const auto now = Clock::now();
        const govox::host::SupervisorStep step = sup.poll(host.get(), now);
        if (step.crash.health != HostHealth::Running) {
            crashed.push_back(now);
            EXPECT_NE(std::string::npos, step.crash.message.find("the voice exploded on purpose"))
                << step.crash.message;
        }
        EXPECT_NE(SupervisorAction::Revert, step.action) << "no new build is on probation";
        if (step.action == SupervisorAction::Restart) {
            restarted.push_back(now);
            host = startCrashingHost(mix);
            ASSERT_TRUE(host);
            pids.push_back(host->pid());
        }
        if (step.action == SupervisorAction::GiveUp) gaveUp = step.message;
        std::this_thread::sleep_for(5ms);
    }
    EXPECT_TRUE(sup.gaveUp());
    EXPECT_NE(std::string::npos,
              gaveUp.find("'misbehave' crashed 3 times in 30 s; Govox stopped restarting it"))
        << gaveUp;
    ASSERT_EQ(3u, crashed.size());
    ASSERT_EQ(2u, restarted.size());
    // The backoff doubles: 50 ms, then 100 ms.
    EXPECT_GE(restarted[0] - crashed[0], 50ms);
    EXPECT_GE(restarted[1] - crashed[1], 100ms);
    // Given up: no more restarts, however long it is polled.
    EXPECT_EQ(SupervisorAction::None, sup.poll(host.get(), Clock::now() + 10s).action);
    host.reset();
    for (pid_t pid : pids) EXPECT_NE(0, kill(pid, 0)) << "host " << pid << " is still alive";
    mix.expectGoodVoicePlaying();
}

TEST(HostSupervisor, ANewBuildThatCrashesDuringItsProbationIsRevertedOnce) {
    using govox::host::SupervisorAction;
    using Clock = std::chrono::steady_clock;
    LiveMix mix;
    govox::host::HostSupervisor sup("misbehave", {.firstBackoff = 50ms}, 3000ms);
    sup.newBuildPlays(Clock::now());
    std::unique_ptr<VoiceHost> host = startCrashingHost(mix);
    ASSERT_TRUE(host);
    auto waitForCrash = [&] {
        const auto deadline = Clock::now() + 10s;
        while (Clock::now() < deadline) {
            const govox::host::SupervisorStep step = sup.poll(host.get(), Clock::now());
            if (step.crash.health != HostHealth::Running) return step.action;
            std::this_thread::sleep_for(5ms);
        }
        ADD_FAILURE() << "no crash seen";
        return SupervisorAction::None;
    };
    EXPECT_EQ(SupervisorAction::Revert, waitForCrash());
    // The build it went back to crashes too: that one has no probation, it is restarted.
    host = startCrashingHost(mix);
    ASSERT_TRUE(host);
    EXPECT_EQ(SupervisorAction::None, waitForCrash()); // a restart after the backoff
    EXPECT_FALSE(sup.probationEnded(Clock::now() + 10s))
        << "the probation was used up by the revert";
}

TEST(HostSupervisor, SaysOnceWhenTheProbationOfANewBuildHasPassed) {
    using Clock = std::chrono::steady_clock;
    govox::host::HostSupervisor sup("sine", {}, 3000ms);
    const auto t0 = Clock::now();
    EXPECT_FALSE(sup.probationEnded(t0)) << "no new build yet";
    sup.newBuildPlays(t0);
    EXPECT_FALSE(sup.probationEnded(t0 + 2999ms));
    EXPECT_TRUE(sup.probationEnded(t0 + 3000ms));
    EXPECT_FALSE(sup.probationEnded(t0 + 4000ms)) << "said twice";
}

} // namespace
