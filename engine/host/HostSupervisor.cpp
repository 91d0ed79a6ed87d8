#include "engine/host/HostSupervisor.hpp"

namespace govox::host {

HostSupervisor::HostSupervisor(VoiceHostConfig config, Attach attach, SupervisorPolicy policy)
    : config_(std::move(config)), attach_(std::move(attach)), policy_(policy),
      backoff_(policy.firstBackoff) {}

HostProblem HostSupervisor::launch() {
    HostProblem failure;
    host_ = VoiceHost::start(config_, failure);
    if (!host_) return failure;
    attach_(host_->region());
    state_ = SupervisorState::Running;
    return {};
}

HostProblem HostSupervisor::start() {
    crashes_.clear();
    backoff_ = policy_.firstBackoff;
    HostProblem p = launch();
    if (p.health != HostHealth::Running) {
        state_ = SupervisorState::GaveUp; // a library that cannot start is not retried
        lastProblem_ = p;
    }
    return p;
}

HostProblem HostSupervisor::poll() {
    const auto now = std::chrono::steady_clock::now();
    if (state_ == SupervisorState::Restarting && now >= restartAt_) {
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
    crashes_.push_back(now);
    while (!crashes_.empty() && now - crashes_.front() > policy_.crashLoopWindow) crashes_.pop_front();
    if (static_cast<int>(crashes_.size()) >= policy_.crashLoopCount) {
        state_ = SupervisorState::GaveUp;
        lastProblem_.message += "; it crashed " + std::to_string(crashes_.size()) + " times in " +
                                std::to_string(policy_.crashLoopWindow.count()) +
                                " s, so Govox stopped restarting it";
        return lastProblem_;
    }
    state_ = SupervisorState::Restarting;
    restartAt_ = now + backoff_;
    backoff_ = std::min(backoff_ * 2, policy_.maxBackoff);
    return p;
}

void HostSupervisor::stop() {
    host_.reset();
    state_ = SupervisorState::Stopped;
}

} // namespace govox::host
