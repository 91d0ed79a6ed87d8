#include "engine/host/HostSupervisor.hpp"

namespace govox::host {

HostSupervisor::HostSupervisor(VoiceHostConfig config, Attach attach, SupervisorPolicy policy)
    : config_(std::move(config)), attach_(std::move(attach)), crashes_(policy) {}

HostProblem HostSupervisor::launch() {
    HostProblem failure;
    host_ = VoiceHost::start(config_, failure);
    if (!host_) return failure;
    attach_(host_->region());
    state_ = SupervisorState::Running;
    return {};
}

HostProblem HostSupervisor::start() {
    crashes_.reset();
    HostProblem p = launch();
    if (p.health != HostHealth::Running) {
        state_ = SupervisorState::GaveUp; // a library that cannot start is not retried
        lastProblem_ = p;
    }
    return p;
}

HostProblem HostSupervisor::poll() {
    const auto now = std::chrono::steady_clock::now();
    if (state_ == SupervisorState::Restarting && now >= crashes_.restartAt()) {
        ++restarts_;
        HostProblem p = launch();
        if (p.health == HostHealth::Running) return {};
        state_ = SupervisorState::GaveUp;
        lastProblem_ = p;
        return p;
    }
    if (state_ != SupervisorState::Running || !host_) return {};
    HostProblem p = host_->check();
    if (p.health == HostHealth::Running || p.health == HostHealth::Stopped) return {};
    lastProblem_ = p;
    host_.reset(); // reaps it; the region lives on in the mixer until faded out
    if (crashes_.crashed(now)) {
        state_ = SupervisorState::GaveUp;
        lastProblem_.message += "; it crashed " + std::to_string(crashes_.recentCrashes()) +
                                " times in " +
                                std::to_string(crashes_.policy().crashLoopWindow.count()) +
                                " s, so Govox stopped restarting it";
        return lastProblem_;
    }
    state_ = SupervisorState::Restarting;
    return p;
}

void HostSupervisor::stop() {
    host_.reset();
    state_ = SupervisorState::Stopped;
}

} // namespace govox::host
