// HostSupervisor.hpp - keeps a voice playing through crashes of its host: the one place
// that decides what a crash or a hang leads to.
//
// Aims
// - A crash or a hang (VoiceHost::check, the watchdog) is reported once, with its message
//   and Go stack, and answered: a host that crashes within the probation after a reload
//   is replaced by the previous build (Revert); any other is restarted with the same build
//   after a backoff that doubles from 250 ms to 4 s (Restart); four crashes within 30 s
//   is a crash loop, and the supervisor gives up and says so, rather than burning the CPU
//   on a voice that cannot run, until the next good build.
// - It decides and does nothing else: the session carries the decision out (its reload
//   worker starts the new host), so the policy can be tested without processes.
//
// Threads: one control thread (the session's poll()). Not thread-safe.
#pragma once

#include "engine/host/CrashPolicy.hpp"
#include "engine/host/VoiceHost.hpp"

#include <chrono>
#include <string>

namespace govox::host {

// What the session must do about its host now.
enum class SupervisorAction {
    None,    // all is well, or a restart waits for its backoff
    Restart, // start the same build again
    Revert,  // go back to the build before the last reload
    GiveUp   // a crash loop: stop trying until a new build
};

struct SupervisorStep {
    HostProblem crash; // health Running unless a crash or a hang was seen just now
    SupervisorAction action = SupervisorAction::None;
    std::string message; // for GiveUp: why, naming the voice
};

class HostSupervisor {
public:
    using Clock = std::chrono::steady_clock;

    HostSupervisor(std::string voice, SupervisorPolicy policy, std::chrono::milliseconds probation);

    // A new build plays (a reload): it is on probation, a crash loop given up on ends, and
    // the crashes of older builds are forgotten.
    void newBuildPlays(Clock::time_point now);
    // True once, when the probation of the last new build has ended (its predecessor can
    // go); false while it lasts or when there is none.
    bool probationEnded(Clock::time_point now);

    // Watches `host` (null: none plays) and the clock. Call every few tens of ms.
    SupervisorStep poll(VoiceHost* host, Clock::time_point now);

    bool gaveUp() const noexcept { return gaveUp_; }
    const SupervisorPolicy& policy() const noexcept { return crashes_.policy(); }

private:
    std::string voice_;
    CrashPolicy crashes_;
    std::chrono::milliseconds probation_;
    Clock::time_point probationUntil_{};
    bool onProbation_ = false;
    bool restartPending_ = false;
    bool gaveUp_ = false;
};

} // namespace govox::host
