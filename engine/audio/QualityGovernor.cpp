#include "engine/audio/QualityGovernor.hpp"

#include <algorithm>
#include <cmath>

namespace govox::audio {
namespace {

std::string percent(double share) {
    return std::to_string(static_cast<int>(std::lround(100 * share))) + " %";
}

} // namespace

const char* qualityName(govox_quality q) noexcept {
    switch (q) {
    case GOVOX_QUALITY_LOW: return "low";
    case GOVOX_QUALITY_HIGH: return "high";
    default: return "normal";
    }
}

QualityGovernor::QualityGovernor(govox_quality start, QualityPolicy policy)
    : policy_(policy), quality_(start), reason_("starting") {}

// The first figure in danger (or, failing that, the first that is tight) names the reason.
QualityGovernor::Pressure QualityGovernor::judge(const QualityFigures& f) {
    const QualityPolicy& p = policy_;
    struct Figure {
        bool danger, room;
        std::string words;
    };
    const Figure figures[] = {
        {f.ringMargin <= p.dangerMargin, f.ringMargin >= p.roomMargin,
         "ring at " + percent(f.ringMargin) + " of its target"},
        {f.callbackLoad >= p.dangerCallback, f.callbackLoad <= p.roomCallback,
         "audio callback at " + percent(f.callbackLoad) + " of its period"},
        {f.renderLoad >= p.dangerRender, f.renderLoad <= p.roomRender,
         "rendering at " + percent(f.renderLoad) + " of the cores' time"},
        {f.gcShare >= p.dangerGc, f.gcShare <= p.roomGc,
         "GC pauses at " + percent(f.gcShare) + " of the ring's time"},
    };
    for (const Figure& x : figures)
        if (x.danger) {
            reason_ = x.words;
            return Pressure::Danger;
        }
    for (const Figure& x : figures)
        if (!x.room) {
            reason_ = x.words;
            return Pressure::Tight;
        }
    reason_ = "headroom: ring " + percent(f.ringMargin) + ", callback " + percent(f.callbackLoad) +
              ", rendering " + percent(f.renderLoad) + ", GC " + percent(f.gcShare);
    return Pressure::Room;
}

void QualityGovernor::drop(govox_quality to, Clock::time_point now) {
    if (to >= quality_) return;
    // Left soon after rising to it: this level does not fit the load. Back to where the
    // rise came from (which did fit; if it no longer does, the next look goes lower), and
    // leave this level untried for twice as long as last time.
    if (raised_ && now - raisedAt_ < policy_.relapse) {
        std::chrono::milliseconds& untried = untried_[quality_];
        untried = std::min(policy_.maxQuiet,
                           untried.count() == 0 ? 2 * policy_.quietAfterDrop : 2 * untried);
        failedAt_[quality_] = now;
        to = std::max(to, raisedFrom_);
        raised_ = false;
    }
    quality_ = to;
    dropped_ = true;
    droppedAt_ = now;
    ++drops_;
}

govox_quality QualityGovernor::update(const QualityFigures& figures, Clock::time_point now) {
    switch (judge(figures)) {
    case Pressure::Danger:
        drop(GOVOX_QUALITY_LOW, now);
        roomSince_ = false;
        break;
    case Pressure::Tight:
        drop(GOVOX_QUALITY_NORMAL, now);
        roomSince_ = false;
        break;
    case Pressure::Room:
        if (!roomSince_) {
            roomSince_ = true;
            roomFrom_ = now;
        }
        if (quality_ < GOVOX_QUALITY_HIGH && now - roomFrom_ >= policy_.holdUp &&
            (!dropped_ || now - droppedAt_ >= policy_.quietAfterDrop)) {
            const auto next = static_cast<govox_quality>(quality_ + 1);
            if (now - failedAt_[next] >= untried_[next]) {
                raisedFrom_ = quality_;
                quality_ = next;
                raised_ = true;
                raisedAt_ = now;
                roomFrom_ = now; // the next step waits its own hold
            }
        }
        break;
    }
    // A level that held through a relapse window is forgiven its past failures.
    if (raised_ && now - raisedAt_ >= policy_.relapse) untried_[quality_] = {};
    return quality_;
}

} // namespace govox::audio
