// The worker side of VoiceSession: builds and swaps. Runs on the session's worker thread.
#include "engine/session/VoiceSession.hpp"

#include "engine/abi/SharedAtomic.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

namespace govox::session {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

} // namespace

void VoiceSession::workerLoop() {
    for (;;) {
        Job job;
        Clock::time_point seen;
        {
            std::unique_lock lock(jobMutex_);
            jobReady_.wait(lock, [this] { return quit_ || job_ != Job::None; });
            if (quit_) return;
            job = job_;
            seen = changeSeen_;
            job_ = Job::None;
            cancelBuild_ = false;
        }
        if (job == Job::Reload) runReload(seen);
        else runRestart(job);
    }
}

void VoiceSession::runReload(Clock::time_point changeSeen) {
    reload::SessionEvent report;
    report.timings.changeSeen = changeSeen;
    report.timings.buildStartMs = msSince(changeSeen);
    const build::BuildResult built = build::buildVoice({.voiceDir = config_.voiceDir,
                                                        .outputDir = config_.buildDir,
                                                        .sdkDir = config_.sdkDir,
                                                        .cancel = &cancelBuild_});
    if (built.cancelled) return; // a newer save is queued and builds next
    report.timings.buildDoneMs = msSince(changeSeen);
    if (!built.ok) {
        report.kind = reload::SessionEventKind::ReloadFailed;
        report.message = "'" + name_ + "' did not build, the previous build plays on: " + built.error;
        report.errors = built.errors;
        post(std::move(report));
        return;
    }
    // Announced and put on probation at the switch, under the route lock (see swapTo).
    const auto announce = [&] {
        report.kind = reload::SessionEventKind::Reloaded;
        char line[200];
        std::snprintf(line, sizeof line,
                      "'%s' reloaded: heard %.0f ms after the save (build %.0f ms, swap %.0f ms)",
                      name_.c_str(), report.timings.firstSampleMs, report.timings.buildMs(),
                      report.timings.swapMs());
        report.message = line;
        probationUntil_ = Clock::now() + config_.probation;
        gaveUp_ = false;
        post(report);
    };
    if (!swapTo(built.library, report, changeSeen, true, announce)) {
        report.kind = reload::SessionEventKind::ReloadFailed;
        report.message = "'" + name_ + "' built but did not start, the previous build plays on: " +
                         report.message;
        std::filesystem::remove(built.library);
        post(std::move(report));
    }
}

void VoiceSession::runRestart(Job why) {
    std::string library;
    {
        std::lock_guard lock(routeMutex_);
        library = why == Job::Revert ? previousLibrary_ : currentLibrary_;
    }
    if (library.empty()) return;
    reload::SessionEvent report;
    const bool revert = why == Job::Revert;
    // A restart of the build that crashed does not replay held notes: one of them may be
    // what crashed it. A revert goes back to a build that played them fine.
    const auto announce = [&] {
        report.kind = revert ? reload::SessionEventKind::Reverted : reload::SessionEventKind::Restarted;
        report.message = revert ? "'" + name_ + "': the new build crashed during its first " +
                                      std::to_string(config_.probation.count() / 1000) +
                                      " s, so the previous build plays again"
                                : "'" + name_ + "' restarted";
        post(report);
    };
    if (!swapTo(library, report, Clock::now(), revert, announce)) {
        report.kind = reload::SessionEventKind::Crashed;
        report.message = "'" + name_ + "' could not be restarted: " + report.message;
        post(std::move(report));
    }
}

std::shared_ptr<host::VoiceHost> VoiceSession::startHost(const std::string& library,
                                                         reload::SessionEvent& report) {
    const rt::Mixer* mixer = engine_.mixer();
    host::VoiceHostConfig c;
    c.name = name_;
    c.library = library;
    c.hostBinary = config_.hostBinary;
    std::uint32_t capacity = 256;
    while (capacity < 2 * config_.ringTargetFrames || capacity < 2 * mixer->maxBlockFrames()) capacity *= 2;
    c.region = {.voiceCount = config_.voices,
                .ringCapacityFrames = capacity,
                .ringTargetFrames = config_.ringTargetFrames,
                .sampleRate = mixer->sampleRate(),
                .maxBlockFrames = std::min(mixer->maxBlockFrames(), capacity / 2)};
    host::HostProblem failure;
    std::unique_ptr<host::VoiceHost> h = host::VoiceHost::start(c, failure);
    if (!h) {
        report.message = failure.message;
        report.stack = failure.stack;
        return nullptr;
    }
    return std::shared_ptr<host::VoiceHost>(std::move(h));
}

bool VoiceSession::swapTo(const std::string& library, reload::SessionEvent& report,
                          Clock::time_point t0, bool replayNotes,
                          const std::function<void()>& switched) {
    if (!engine_.mixer()) {
        report.message = "the audio engine is not running";
        return false;
    }
    std::shared_ptr<host::VoiceHost> next = startHost(library, report);
    if (!next) return false;
    carryParams(*next, report);
    report.timings.hostReadyMs = msSince(t0);
    {
        std::lock_guard lock(routeMutex_);
        playing_.replay(next->events(), nowFrame(), replayNotes);
        next_ = next; // from here on, events reach both builds
    }
    waitForPrefill(*next);
    report.timings.prefilledMs = msSince(t0);
    std::uint32_t oldId;
    {
        std::lock_guard lock(routeMutex_);
        oldId = currentId_;
    }
    const std::uint64_t fadeStart = nowFrame();
    const auto fadeFrames = static_cast<std::uint32_t>(config_.crossfade.count() *
                                                       engine_.mixer()->sampleRate() / 1000);
    const std::uint32_t newId = oldId ? engine_.crossfade(oldId, next->region(), fadeFrames)
                                      : engine_.attach(next->region(), 0);
    report.timings.firstSampleMs = msSince(t0);
    if (newId == 0) {
        std::lock_guard lock(routeMutex_);
        next_.reset();
        report.message = "the mixer did not take the new build";
        return false;
    }
    if (oldId) waitForCrossfade(fadeStart + fadeFrames);
    report.timings.crossfadeDoneMs = msSince(t0);
    std::shared_ptr<host::VoiceHost> old;
    {
        std::lock_guard lock(routeMutex_);
        old = std::move(current_);
        current_ = std::move(next_);
        currentId_ = newId;
        if (library == previousLibrary_) { // a revert: the failed build goes
            retireLibrary(currentLibrary_);
            currentLibrary_ = library;
            previousLibrary_.clear();
        } else if (library != currentLibrary_) {
            retireLibrary(previousLibrary_);
            previousLibrary_ = currentLibrary_; // kept for a revert during probation
            currentLibrary_ = library;
        }
        switched();
    }
    old.reset(); // asks the old host to stop and reaps it
    return true;
}

// Values move to the new build by name; new parameters start at their defaults and
// parameters the new build no longer has are reported (their values are kept, should
// they come back).
void VoiceSession::carryParams(host::VoiceHost& next, reload::SessionEvent& report) {
    std::set<std::string> declared;
    std::lock_guard lock(routeMutex_);
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
    std::vector<host::ParamInfo> before = current_ ? current_->params() : std::vector<host::ParamInfo>{};
    for (const host::ParamInfo& p : before)
        if (!declared.count(lower(p.name))) report.removedParams.push_back(p.name);
}

// The new host has taken every event and its sounding voices hold half a ring target,
// or half a second has passed (a voice that renders slowly still gets its turn).
void VoiceSession::waitForPrefill(host::VoiceHost& next) {
    const auto deadline = Clock::now() + std::chrono::milliseconds(500);
    const shm::Region& r = *next.region();
    const std::uint32_t want = config_.ringTargetFrames / 2;
    while (Clock::now() < deadline) {
        bool ready = next.events().pending() == 0;
        for (std::uint32_t v = 0; ready && v < r.voiceCount(); ++v) {
            const govox_voice_slot& s = r.voice(v);
            const std::uint32_t state = abi::loadAcquire(s.state);
            if (state == GOVOX_VOICE_STARTING) ready = false;
            if (state == GOVOX_VOICE_ACTIVE || state == GOVOX_VOICE_RELEASING)
                ready = abi::loadAcquire(s.write_index) - abi::loadAcquire(s.read_index) >= want;
        }
        if (ready) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

// Until the engine's clock has passed the end of the crossfade (plus a block).
void VoiceSession::waitForCrossfade(std::uint64_t endFrame) {
    const rt::Mixer* m = engine_.mixer();
    const std::uint64_t target = endFrame + m->maxBlockFrames();
    const auto deadline = Clock::now() + std::chrono::seconds(2);
    while (nowFrame() < target && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

} // namespace govox::session
