#include "engine/host/HostSupervisor.hpp"

namespace govox::host {

HostSupervisor::HostSupervisor(std::string voice, SupervisorPolicy policy,
                               std::chrono::milliseconds probation)
    : voice_(std::move(voice)), crashes_(policy), probation_(probation) {}

void HostSupervisor::newBuildPlays(Clock::time_point now) {
    probationUntil_ = now + probation_;
    onProbation_ = true;
    restartPending_ = false;
    gaveUp_ = false;
    crashes_.reset(); // the crashes of older builds say nothing of this one
}

bool HostSupervisor::probationEnded(Clock::time_point now) {
    if (!onProbation_ || now < probationUntil_) return false;
    onProbation_ = false;
    return true;
}

SupervisorStep HostSupervisor::poll(VoiceHost* host, Clock::time_point now) {
    SupervisorStep step;
    if (host && !restartPending_ && !gaveUp_) {
        const HostProblem p = host->check();
        if (p.health == HostHealth::Crashed || p.health == HostHealth::Hung) {
            step.crash = p;
            if (onProbation_ && now < probationUntil_) {
                onProbation_ = false; // the build it goes back to has proven itself
                step.action = SupervisorAction::Revert;
            } else if (crashes_.crashed(now)) {
                gaveUp_ = true;
                step.action = SupervisorAction::GiveUp;
                step.message =
                    "'" + voice_ + "' crashed " + std::to_string(crashes_.recentCrashes()) +
                    " times in " + std::to_string(crashes_.policy().crashLoopWindow.count()) +
                    " s; Govox stopped restarting it. Save a fixed version to try again.";
            } else {
                restartPending_ = true;
            }
            return step;
        }
    }
    if (restartPending_ && now >= crashes_.restartAt()) {
        restartPending_ = false;
        step.action = SupervisorAction::Restart;
    }
    return step;
}

} // namespace govox::host
