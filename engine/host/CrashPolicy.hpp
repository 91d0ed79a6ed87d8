// CrashPolicy.hpp - when to restart a crashed voice host, and when to stop trying.
//
// The backoff doubles from firstBackoff to maxBackoff; crashLoopCount crashes within
// crashLoopWindow is a crash loop, after which restarting only burns CPU. Not thread-safe.
//
// Threads: one thread at a time (the session's control thread, through HostSupervisor).
#pragma once

#include <algorithm>
#include <chrono>
#include <deque>

namespace govox::host {

struct SupervisorPolicy {
    std::chrono::milliseconds firstBackoff{250};
    std::chrono::milliseconds maxBackoff{4000};
    int crashLoopCount = 4;
    std::chrono::seconds crashLoopWindow{30};
};

class CrashPolicy {
public:
    using Clock = std::chrono::steady_clock;

    explicit CrashPolicy(SupervisorPolicy policy = {})
        : policy_(policy), backoff_(policy.firstBackoff) {}

    // Records a crash at `now`. True when it makes a crash loop (give up); otherwise
    // restartAt() says when to try again.
    bool crashed(Clock::time_point now) {
        while (!crashes_.empty() && now - crashes_.front() > policy_.crashLoopWindow)
            crashes_.pop_front();
        // A crash after a whole crash-free window is a first crash again: the backoff
        // starts afresh instead of staying doubled for the rest of the session.
        if (crashes_.empty()) backoff_ = policy_.firstBackoff;
        crashes_.push_back(now);
        if (static_cast<int>(crashes_.size()) >= policy_.crashLoopCount) return true;
        restartAt_ = now + backoff_;
        backoff_ = std::min(backoff_ * 2, policy_.maxBackoff);
        return false;
    }
    void reset() {
        crashes_.clear();
        backoff_ = policy_.firstBackoff;
    }
    Clock::time_point restartAt() const noexcept { return restartAt_; }
    int recentCrashes() const noexcept { return static_cast<int>(crashes_.size()); }
    const SupervisorPolicy& policy() const noexcept { return policy_; }

private:
    SupervisorPolicy policy_;
    std::deque<Clock::time_point> crashes_;
    Clock::time_point restartAt_;
    std::chrono::milliseconds backoff_;
};

} // namespace govox::host
