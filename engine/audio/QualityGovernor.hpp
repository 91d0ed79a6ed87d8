// QualityGovernor.hpp - the engine's choice of a voice's quality hint (govox_quality).
//
// Aims
// - HIGH while there is headroom, LOW before an underrun rather than after: the figures
//   that come before an underrun are a ring running low, an audio callback near its
//   period, a host whose rendering keeps the cores busy, and Go GC pauses that eat a
//   large part of the ring's time. Any of them in danger drops the hint to LOW at once; a
//   tight one (between danger and room) keeps it at NORMAL at most.
// - No flapping: the hint goes up one step at a time, only after every figure has shown
//   room for `holdUp`, and not within `quietAfterDrop` of a drop. A level that is left
//   within `relapse` of rising to it did not fit: the hint goes back to the level it rose
//   from, and that level is not tried again for twice as long as last time (from twice
//   `quietAfterDrop` up to `maxQuiet`). A load that only fits lower settles there, with
//   an ever rarer try of the level above.
// - Pure policy: the caller reads the figures (VoiceSession::poll) and writes the hint.
//
// Threads: one control thread; no locks, no I/O.
#pragma once

#include "engine/abi/govox_abi.h"

#include <array>
#include <chrono>
#include <string>

namespace govox::audio {

struct QualityFigures {
    double ringMargin = 1;   // lowest fill / target of a held note since the last look
    double callbackLoad = 0; // the audio callback's longest run in its last window / period
    double renderLoad = 0;   // the host's render time / wall time / cores, since the last look
    double gcShare = 0;      // the longest recent GC pause / the ring's time (target frames)
};

struct QualityPolicy {
    // At or past any of these the hint is LOW.
    double dangerMargin = 0.2, dangerCallback = 0.75, dangerRender = 0.6, dangerGc = 0.6;
    // Every one of these must hold for the hint to rise; between the two, NORMAL at most.
    double roomMargin = 0.35, roomCallback = 0.4, roomRender = 0.25, roomGc = 0.25;
    std::chrono::milliseconds holdUp{1500};
    std::chrono::milliseconds quietAfterDrop{3000};
    std::chrono::milliseconds relapse{10000};
    std::chrono::milliseconds maxQuiet{48000};
};

class QualityGovernor {
public:
    using Clock = std::chrono::steady_clock;

    explicit QualityGovernor(govox_quality start = GOVOX_QUALITY_NORMAL, QualityPolicy policy = {});

    // Takes the latest figures; returns the hint to publish.
    govox_quality update(const QualityFigures& figures, Clock::time_point now);
    govox_quality quality() const noexcept { return quality_; }
    // Why the hint is what it is, for the window ("ring at 24 % of its target", or
    // "headroom: " and the four figures).
    const std::string& reason() const noexcept { return reason_; }
    std::uint32_t drops() const noexcept { return drops_; }

private:
    enum class Pressure { Danger, Tight, Room };
    Pressure judge(const QualityFigures& f);
    void drop(govox_quality to, Clock::time_point now);

    QualityPolicy policy_;
    govox_quality quality_;
    std::string reason_;
    std::uint32_t drops_ = 0;
    bool roomSince_ = false;
    Clock::time_point roomFrom_{};
    Clock::time_point droppedAt_{};
    Clock::time_point raisedAt_{};
    bool dropped_ = false, raised_ = false;
    govox_quality raisedFrom_ = GOVOX_QUALITY_NORMAL;
    // Per level: when it last failed right after a rise, and how long it now stays untried.
    std::array<Clock::time_point, 3> failedAt_{};
    std::array<std::chrono::milliseconds, 3> untried_{};
};

// "low", "normal", "high".
const char* qualityName(govox_quality q) noexcept;

} // namespace govox::audio
