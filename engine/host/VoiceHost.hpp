// VoiceHost.hpp - the engine's handle on one running voice host: its region, its process,
// its events, its parameters, and its health.
//
// Aims
// - start() does the whole handshake: create the region, spawn govox-voicehost, wait
//   (with a deadline) until the host reports READY, FAILED or dies, and turn any failure
//   into one message that names the voice and the cause (the host's own message, a Go
//   panic's first line and stack, or the way the process ended).
// - check() is the watchdog: a host whose heartbeat stops for heartbeatTimeout is killed;
//   a host that exits unasked is a crash. Both are reported once, with the reason.
// - The destructor asks the host to stop, waits briefly, kills it if needed and reaps it.
//   The region is shared: a mixer may keep reading it (fading out) after the host is gone.
//
// Threads: one control thread. events() may be used from any non-real-time thread.
#pragma once

#include "engine/events/EventSender.hpp"
#include "engine/host/CrashReport.hpp"
#include "engine/host/HostProcess.hpp"
#include "engine/host/ParamInfo.hpp"
#include "engine/shm/Region.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace govox::host {

// Who sets the pace: the engine's audio clock, or an offline render block by block.
enum class HostClock {
    Live,    // the host keeps each ring near its target fill on its own timers
    Lockstep // the host renders exactly up to the frame the engine asks for (offline)
};

struct VoiceHostConfig {
    std::string name; // shown in messages: the voice's folder name
    std::string library;
    std::string hostBinary;
    shm::RegionConfig region;
    HostClock clock = HostClock::Live;
    std::chrono::milliseconds handshakeTimeout{10000};
    std::chrono::milliseconds heartbeatTimeout{500};
    std::uint64_t addressSpaceMb = 8192;
    std::uint64_t goMemoryMb = 1024;
};

enum class HostHealth { Running, Crashed, Hung, Stopped };

struct HostProblem {
    HostHealth health = HostHealth::Running;
    std::string message; // one line: what happened, naming the voice
    std::string stack;   // a Go stack, if there was one

    // The host has ended as asked (or was reported once already): nothing to say.
    static HostProblem stopped() {
        HostProblem p;
        p.health = HostHealth::Stopped;
        return p;
    }
};

class VoiceHost {
public:
    static std::unique_ptr<VoiceHost> start(const VoiceHostConfig& config, HostProblem& failure);
    ~VoiceHost();
    VoiceHost(const VoiceHost&) = delete;
    VoiceHost& operator=(const VoiceHost&) = delete;

    // Watchdog: Running while all is well; otherwise (once) why the host is gone.
    HostProblem check();
    // Asks the host to stop and waits up to `grace`, then kills it. Reaps it either way.
    void shutdown(std::chrono::milliseconds grace = std::chrono::milliseconds(1000));

    const std::shared_ptr<shm::Region>& region() const noexcept { return region_; }
    events::EventSender& events() noexcept { return *events_; }
    const std::vector<ParamInfo>& params() const noexcept { return params_; }
    pid_t pid() const noexcept { return process_->pid(); }
    const VoiceHostConfig& config() const noexcept { return config_; }

private:
    VoiceHost(const VoiceHostConfig& config, std::shared_ptr<shm::Region> region,
              std::unique_ptr<HostProcess> process);
    HostProblem handshake();
    HostProblem crashProblem(HostHealth health, const std::string& fallback);
    void readParams();

    VoiceHostConfig config_;
    std::shared_ptr<shm::Region> region_;
    std::unique_ptr<events::EventSender> events_;
    std::unique_ptr<HostProcess> process_;
    std::vector<ParamInfo> params_;
    std::uint64_t lastBeat_ = 0;
    std::chrono::steady_clock::time_point lastBeatSeen_;
    bool reported_ = false;
};

} // namespace govox::host
