// HostSupervisor.hpp - keeps one voice playing through crashes of its host.
//
// Aims
// - A crash or a hang (the VoiceHost watchdog) is reported once, with its message and
//   Go stack, and the host is restarted after a backoff that doubles from 250 ms to 4 s.
//   Four crashes within 30 s is a crash loop: the supervisor gives up and says so,
//   rather than burning the CPU restarting a voice that cannot run.
// - A host that fails to start (not a Govox voice, an ABI mismatch, a panic while
//   making voices) is not retried: the same library would fail the same way.
// - Each new host gets a fresh region; `attach` hands it to whoever mixes (which fades
//   out the dead host's region). Regions are shared, so a fading region outlives its host.
//
// Threads: one control thread calls start(), poll() and the accessors.
#pragma once

#include "engine/host/CrashPolicy.hpp"
#include "engine/host/VoiceHost.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>

namespace govox::host {

enum class SupervisorState { Stopped, Running, Restarting, GaveUp };

class HostSupervisor {
public:
    // Called with each ready host's region (the first one and every restart).
    using Attach = std::function<void(const std::shared_ptr<shm::Region>&)>;

    HostSupervisor(VoiceHostConfig config, Attach attach, SupervisorPolicy policy = {});

    // Starts the first host. Returns its failure (health Running means it is playing).
    HostProblem start();
    // Watchdog and restarts; call every few tens of milliseconds. Returns a problem the
    // first time it is seen (health Running otherwise).
    HostProblem poll();
    void stop();

    SupervisorState state() const noexcept { return state_; }
    VoiceHost* host() noexcept { return host_.get(); }
    const HostProblem& lastProblem() const noexcept { return lastProblem_; }
    int restarts() const noexcept { return restarts_; }

private:
    HostProblem launch();

    VoiceHostConfig config_;
    Attach attach_;
    CrashPolicy crashes_;
    std::unique_ptr<VoiceHost> host_;
    SupervisorState state_ = SupervisorState::Stopped;
    HostProblem lastProblem_;
    int restarts_ = 0;
};

} // namespace govox::host
