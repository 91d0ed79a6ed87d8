#include "engine/reload/HostRoute.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace govox::reload {
namespace {

// Parameter names match case-insensitively, as the SDK declares them.
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

} // namespace

void HostRoute::send(std::uint64_t frame,
                     const std::function<bool(events::EventSender&, std::uint64_t)>& event) {
    if (current_ && !event(current_->events(), frame))
        dropped_.fetch_add(1, std::memory_order_relaxed);
    if (next_) event(next_->events(), frame);
}

void HostRoute::noteOn(const rt::EventTime& at, std::uint8_t channel, std::uint8_t note,
                       std::uint8_t velocity) {
    if (velocity == 0) return noteOff(at, channel, note);
    const std::uint64_t frame = engine_.scheduleFrame(at);
    std::lock_guard lock(mutex_);
    playing_.noteOn(channel, note, velocity, frame);
    send(frame, [&](events::EventSender& e, std::uint64_t f) {
        return e.noteOn(f, channel, note, velocity);
    });
}

void HostRoute::noteOff(const rt::EventTime& at, std::uint8_t channel, std::uint8_t note) {
    const std::uint64_t frame = engine_.scheduleFrame(at);
    std::lock_guard lock(mutex_);
    playing_.noteOff(channel, note);
    send(frame,
         [&](events::EventSender& e, std::uint64_t f) { return e.noteOff(f, channel, note); });
}

void HostRoute::controlChange(const rt::EventTime& at, std::uint8_t channel,
                              std::uint8_t controller, std::uint8_t value) {
    const std::uint64_t frame = engine_.scheduleFrame(at);
    std::lock_guard lock(mutex_);
    playing_.controlChange(channel, controller, value);
    send(frame, [&](events::EventSender& e, std::uint64_t f) {
        return e.controlChange(f, channel, controller, value);
    });
}

void HostRoute::pitchBend(const rt::EventTime& at, std::uint8_t channel, std::int32_t bend) {
    const std::uint64_t frame = engine_.scheduleFrame(at);
    std::lock_guard lock(mutex_);
    playing_.pitchBend(channel, bend);
    send(frame,
         [&](events::EventSender& e, std::uint64_t f) { return e.pitchBend(f, channel, bend); });
}

void HostRoute::allNotesOff(const rt::EventTime& at) {
    const std::uint64_t frame = engine_.scheduleFrame(at);
    std::lock_guard lock(mutex_);
    playing_.allNotesOff(0xFF);
    send(frame, [&](events::EventSender& e, std::uint64_t f) { return e.allNotesOff(f, 0xFF); });
}

bool HostRoute::setParam(const std::string& name, float value, const rt::EventTime& at) {
    const std::string key = lower(name);
    const std::uint64_t now = engine_.scheduleFrame(at);
    std::lock_guard lock(mutex_);
    if (!current_) return false;
    bool found = false;
    for (const auto& host : {current_, next_}) {
        if (!host) continue;
        for (const host::ParamInfo& p : host->params()) {
            if (lower(p.name) != key) continue;
            const float v = std::clamp(value, p.min, p.max);
            host->events().paramChange(now, p.index, v);
            values_[key] = v;
            found = true;
        }
    }
    return found;
}

float HostRoute::paramValue(const std::string& name) const {
    std::lock_guard lock(mutex_);
    const auto it = values_.find(lower(name));
    return it == values_.end() ? 0.0f : it->second;
}

std::vector<host::ParamInfo> HostRoute::params() const {
    std::lock_guard lock(mutex_);
    return current_ ? current_->params() : std::vector<host::ParamInfo>{};
}

std::shared_ptr<host::VoiceHost> HostRoute::current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

std::uint32_t HostRoute::regionId() const {
    std::lock_guard lock(mutex_);
    return regionId_;
}

std::vector<std::string> HostRoute::carryParams(host::VoiceHost& next) {
    std::set<std::string> declared;
    for (const host::ParamInfo& p : next.params()) {
        const std::string key = lower(p.name);
        declared.insert(key);
        const auto it = values_.find(key);
        if (it == values_.end()) {
            values_[key] = p.defaultValue;
        } else {
            it->second = std::clamp(it->second, p.min, p.max);
            next.events().paramChange(0, p.index, it->second);
        }
    }
    std::vector<std::string> removed;
    if (current_)
        for (const host::ParamInfo& p : current_->params())
            if (!declared.count(lower(p.name))) removed.push_back(p.name);
    return removed;
}

std::vector<std::string> HostRoute::beginSwap(std::shared_ptr<host::VoiceHost> next,
                                              events::HeldNotes notes) {
    std::lock_guard lock(mutex_);
    std::vector<std::string> removed = carryParams(*next);
    playing_.replay(next->events(), engine_.frame(), notes);
    next_ = std::move(next);
    return removed;
}

void HostRoute::abandonSwap() {
    std::lock_guard lock(mutex_);
    next_.reset();
}

std::shared_ptr<host::VoiceHost> HostRoute::completeSwap(std::uint32_t regionId,
                                                         const std::function<void()>& switched) {
    std::lock_guard lock(mutex_);
    std::shared_ptr<host::VoiceHost> old = std::move(current_);
    current_ = std::move(next_);
    regionId_ = regionId;
    switched();
    return old;
}

std::pair<std::shared_ptr<host::VoiceHost>, std::uint32_t> HostRoute::clear() {
    std::lock_guard lock(mutex_);
    next_.reset();
    const std::uint32_t id = regionId_;
    regionId_ = 0;
    return {std::move(current_), id};
}

} // namespace govox::reload
