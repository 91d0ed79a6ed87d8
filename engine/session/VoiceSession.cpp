#include "engine/session/VoiceSession.hpp"

#include "engine/abi/SharedAtomic.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace govox::session {
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

} // namespace

VoiceSession::VoiceSession(audio::AudioEngine& engine, VoiceSessionConfig config)
    : engine_(engine), config_(std::move(config)),
      name_(std::filesystem::path(config_.voiceDir).filename().string()),
      crashes_(config_.restarts) {}

VoiceSession::~VoiceSession() { stop(); }

std::string VoiceSession::start() {
    reload::SessionEvent report;
    report.kind = reload::SessionEventKind::Started;
    const auto began = std::chrono::steady_clock::now();
    const build::BuildResult built = build::buildVoice(
        {.voiceDir = config_.voiceDir, .outputDir = config_.buildDir, .sdkDir = config_.sdkDir});
    if (!built.ok) return "cannot build " + config_.voiceDir + ": " + built.error;
    report.timings.buildDoneMs =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - began).count();
    const auto announce = [&] {
        report.message = "'" + name_ + "' plays (built in " +
                         std::to_string(static_cast<int>(report.timings.buildMs())) + " ms)";
        post(report);
    };
    if (!swapTo(built.library, report, began, true, announce)) {
        std::filesystem::remove(built.library);
        return report.message;
    }
    worker_ = std::thread([this] { workerLoop(); });
    if (config_.watch) {
        const std::string error = watcher_.start(
            config_.voiceDir, [this](auto firstSeen) { sourceChanged(firstSeen); });
        if (!error.empty()) post({reload::SessionEventKind::Notice, error, {}, {}, {}, {}});
    }
    return {};
}

void VoiceSession::stop() {
    watcher_.stop();
    {
        std::lock_guard lock(jobMutex_);
        quit_ = true;
        cancelBuild_ = true;
    }
    jobReady_.notify_all();
    if (worker_.joinable()) worker_.join();
    std::shared_ptr<host::VoiceHost> gone;
    std::uint32_t id = 0;
    {
        std::lock_guard lock(routeMutex_);
        gone = std::move(current_);
        next_.reset();
        id = currentId_;
        currentId_ = 0;
    }
    if (id) engine_.detach(id, 0);
    gone.reset(); // shuts the host down and reaps it
    retireLibrary(currentLibrary_);
    retireLibrary(previousLibrary_);
    currentLibrary_.clear();
    previousLibrary_.clear();
}

std::uint64_t VoiceSession::nowFrame() const {
    const rt::Mixer* m = const_cast<audio::AudioEngine&>(engine_).mixer();
    return m ? m->stats().engineFrame.load(std::memory_order_relaxed) : 0;
}

void VoiceSession::forEachHost(const std::function<void(events::EventSender&)>& send) {
    if (current_) send(current_->events());
    if (next_) send(next_->events());
}

void VoiceSession::noteOn(std::uint8_t channel, std::uint8_t note, std::uint8_t velocity) {
    if (velocity == 0) return noteOff(channel, note);
    std::lock_guard lock(routeMutex_);
    const std::uint64_t now = nowFrame();
    playing_.noteOn(channel, note, velocity, now);
    forEachHost([&](events::EventSender& e) { e.noteOn(now, channel, note, velocity); });
}

void VoiceSession::noteOff(std::uint8_t channel, std::uint8_t note) {
    std::lock_guard lock(routeMutex_);
    const std::uint64_t now = nowFrame();
    playing_.noteOff(channel, note);
    forEachHost([&](events::EventSender& e) { e.noteOff(now, channel, note); });
}

void VoiceSession::controlChange(std::uint8_t channel, std::uint8_t controller, std::uint8_t value) {
    std::lock_guard lock(routeMutex_);
    const std::uint64_t now = nowFrame();
    playing_.controlChange(channel, controller, value);
    forEachHost([&](events::EventSender& e) { e.controlChange(now, channel, controller, value); });
}

void VoiceSession::pitchBend(std::uint8_t channel, std::int32_t bend) {
    std::lock_guard lock(routeMutex_);
    const std::uint64_t now = nowFrame();
    playing_.pitchBend(channel, bend);
    forEachHost([&](events::EventSender& e) { e.pitchBend(now, channel, bend); });
}

void VoiceSession::allNotesOff() {
    std::lock_guard lock(routeMutex_);
    const std::uint64_t now = nowFrame();
    playing_.allNotesOff(0xFF);
    forEachHost([&](events::EventSender& e) { e.allNotesOff(now, 0xFF); });
}

bool VoiceSession::setParam(const std::string& name, float value) {
    std::lock_guard lock(routeMutex_);
    if (!current_) return false;
    bool found = false;
    for (const auto& host : {current_, next_}) {
        if (!host) continue;
        for (const host::ParamInfo& p : host->params()) {
            if (lower(p.name) != lower(name)) continue;
            const float v = std::clamp(value, p.min, p.max);
            host->events().paramChange(nowFrame(), p.index, v);
            values_[lower(name)] = v;
            found = true;
        }
    }
    return found;
}

std::vector<host::ParamInfo> VoiceSession::params() const {
    std::lock_guard lock(routeMutex_);
    return current_ ? current_->params() : std::vector<host::ParamInfo>{};
}

float VoiceSession::paramValue(const std::string& name) const {
    std::lock_guard lock(routeMutex_);
    const auto it = values_.find(lower(name));
    return it == values_.end() ? 0.0f : it->second;
}

std::uint32_t VoiceSession::regionId() const {
    std::lock_guard lock(routeMutex_);
    return currentId_;
}

VoiceSession::HostFigures VoiceSession::hostFigures() const {
    std::shared_ptr<host::VoiceHost> host;
    {
        std::lock_guard lock(routeMutex_);
        host = current_;
    }
    HostFigures f;
    if (!host) return f;
    const shm::Region& r = *host->region();
    const govox_host_stats& st = r.hostStats();
    f.alive = !gaveUp_;
    f.heartbeat = abi::loadRelaxed(st.heartbeat);
    f.gcPauseP99Ns = abi::loadRelaxed(st.gc_pause_p99_ns);
    f.gcPauseMaxNs = abi::loadRelaxed(st.gc_pause_max_ns);
    f.gcCycles = abi::loadRelaxed(st.gc_cycles);
    f.heapBytes = abi::loadRelaxed(st.heap_bytes);
    f.goroutines = abi::loadRelaxed(st.goroutines);
    f.activeVoices = abi::loadRelaxed(st.active_voices);
    f.voices = r.voiceCount();
    f.ringCapacityFrames = r.ringCapacity();
    f.ringTargetFrames = abi::loadRelaxed(r.header().ring_target_frames);
    return f;
}

pid_t VoiceSession::hostPid() const {
    std::lock_guard lock(routeMutex_);
    return current_ ? current_->pid() : -1;
}

void VoiceSession::sourceChanged(std::chrono::steady_clock::time_point firstSeen) {
    {
        std::lock_guard lock(jobMutex_);
        if (job_ != Job::Reload) changeSeen_ = firstSeen;
        job_ = Job::Reload; // supersedes a pending restart: the new build replaces the host
        cancelBuild_ = true;  // a build still running is for older source
    }
    jobReady_.notify_all();
}

void VoiceSession::post(reload::SessionEvent event) {
    std::lock_guard lock(eventsMutex_);
    events_.push_back(std::move(event));
}

std::vector<reload::SessionEvent> VoiceSession::poll() {
    engine_.collect();
    std::shared_ptr<host::VoiceHost> host;
    std::uint32_t id = 0;
    bool inProbation = false;
    {
        std::lock_guard lock(routeMutex_);
        host = current_;
        id = currentId_;
        inProbation = !previousLibrary_.empty() && std::chrono::steady_clock::now() < probationUntil_;
        if (!previousLibrary_.empty() && !inProbation) {
            retireLibrary(previousLibrary_); // the new build has proven itself
            previousLibrary_.clear();
        }
    }
    if (const rt::RegionMixer* rm = engine_.regionMixer(id))
        for (const audio::VoiceFault& f : faults_.poll(*rm))
            post({reload::SessionEventKind::Fault, f.describe(name_) + "; Govox silenced that note",
                  {}, {}, {}, {}});
    if (host && !restartPending_ && !gaveUp_) {
        const host::HostProblem p = host->check();
        if (p.health == host::HostHealth::Crashed || p.health == host::HostHealth::Hung) {
            post({reload::SessionEventKind::Crashed, p.message, p.stack, {}, {}, {}});
            if (inProbation) {
                std::lock_guard lock(jobMutex_);
                job_ = Job::Revert;
            } else if (crashes_.crashed(std::chrono::steady_clock::now())) {
                gaveUp_ = true;
                post({reload::SessionEventKind::GaveUp,
                      "'" + name_ + "' crashed " + std::to_string(crashes_.recentCrashes()) +
                          " times in " + std::to_string(crashes_.policy().crashLoopWindow.count()) +
                          " s; Govox stopped restarting it. Save a fixed version to try again.",
                      {}, {}, {}, {}});
            } else {
                restartPending_ = true;
            }
            jobReady_.notify_all();
        }
    }
    if (restartPending_ && std::chrono::steady_clock::now() >= crashes_.restartAt()) {
        restartPending_ = false;
        {
            std::lock_guard lock(jobMutex_);
            if (job_ == Job::None) job_ = Job::Restart;
        }
        jobReady_.notify_all();
    }
    std::lock_guard lock(eventsMutex_);
    std::vector<reload::SessionEvent> out(std::make_move_iterator(events_.begin()),
                                          std::make_move_iterator(events_.end()));
    events_.clear();
    return out;
}

void VoiceSession::retireLibrary(const std::string& library) {
    if (library.empty()) return;
    std::error_code ec;
    std::filesystem::remove(library, ec);
}

} // namespace govox::session
