#include "engine/session/VoiceSession.hpp"

#include "engine/abi/SharedAtomic.hpp"

#include <filesystem>

namespace govox::session {

VoiceSession::VoiceSession(audio::AudioEngine& engine, VoiceSessionConfig config)
    : engine_(engine), config_(std::move(config)),
      name_(std::filesystem::path(config_.voiceDir).filename().string()), route_(engine),
      worker_(engine, route_,
              {.voiceName = name_,
               .voiceDir = config_.voiceDir,
               .sdkDir = config_.sdkDir,
               .hostBinary = config_.hostBinary,
               .buildDir = config_.buildDir,
               .voices = config_.voices,
               .ringTargetFrames = config_.ringTargetFrames,
               .crossfade = config_.crossfade},
              *this),
      supervisor_(name_, config_.restarts, config_.probation) {}

VoiceSession::~VoiceSession() {
    stop();
}

std::string VoiceSession::start() {
    const reload::ReloadReport report = worker_.start();
    if (report.failedAt != reload::SwapFailure::None)
        return SessionEvent::swapFailed(name_, reload::SwapKind::Start, report).message;
    if (config_.watch == WatchSource::Yes) {
        const std::string error =
            watcher_.start(config_.voiceDir, [this](auto firstSeen) { sourceChanged(firstSeen); });
        if (!error.empty()) post(SessionEvent::notice(error));
    }
    return {};
}

void VoiceSession::stop(std::chrono::milliseconds fadeOut) {
    watcher_.stop();
    worker_.stop();
    auto [host, id] = route_.clear();
    if (id)
        engine_.detach(id,
                       static_cast<std::uint32_t>(fadeOut.count() * engine_.sampleRate() / 1000));
    host.reset(); // shuts the host down and reaps it
}

void VoiceSession::noteOn(const rt::EventTime& at, std::uint8_t channel, std::uint8_t note,
                          std::uint8_t velocity) {
    route_.noteOn(at, channel, note, velocity);
}

void VoiceSession::noteOff(const rt::EventTime& at, std::uint8_t channel, std::uint8_t note) {
    route_.noteOff(at, channel, note);
}

void VoiceSession::controlChange(const rt::EventTime& at, std::uint8_t channel,
                                 std::uint8_t controller, std::uint8_t value) {
    route_.controlChange(at, channel, controller, value);
}

void VoiceSession::pitchBend(const rt::EventTime& at, std::uint8_t channel, std::int32_t bend) {
    route_.pitchBend(at, channel, bend);
}

void VoiceSession::allNotesOff(const rt::EventTime& at) {
    route_.allNotesOff(at);
}

bool VoiceSession::setParam(const std::string& name, float value, const rt::EventTime& at) {
    return route_.setParam(name, value, at);
}

std::vector<host::ParamInfo> VoiceSession::params() const {
    return route_.params();
}

float VoiceSession::paramValue(const std::string& name) const {
    return route_.paramValue(name);
}

std::uint32_t VoiceSession::regionId() const {
    return route_.regionId();
}

pid_t VoiceSession::hostPid() const {
    const std::shared_ptr<host::VoiceHost> host = route_.current();
    return host ? host->pid() : -1;
}

HostFigures VoiceSession::hostFigures() const {
    const std::shared_ptr<host::VoiceHost> host = route_.current();
    HostFigures f;
    if (!host) return f;
    const shm::Region& r = *host->region();
    const govox_host_stats& st = r.hostStats();
    f.alive = !supervisor_.gaveUp();
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
    f.quality = quality_.quality();
    f.qualityWhy = quality_.reason();
    const std::uint32_t rollback = abi::loadAcquire(r.header().rollback);
    f.rollback = rollback <= GOVOX_ROLLBACK_VOICE ? static_cast<govox_rollback>(rollback)
                                                  : GOVOX_ROLLBACK_NONE; // untrusted
    return f;
}

void VoiceSession::sourceChanged(std::chrono::steady_clock::time_point firstSeen) {
    worker_.reload(firstSeen);
}

// On the worker, under the route's lock: the new host is the running one from now on.
void VoiceSession::swapped(reload::SwapKind kind, const reload::ReloadReport& report) {
    using reload::SwapKind;
    std::lock_guard lock(eventsMutex_);
    switch (kind) {
    case SwapKind::Start: events_.push_back(SessionEvent::started(name_, report)); break;
    case SwapKind::Reload:
        events_.push_back(SessionEvent::reloaded(name_, report));
        newBuild_ = true; // on probation from now
        newBuildAt_ = std::chrono::steady_clock::now();
        break;
    case SwapKind::Restart: events_.push_back(SessionEvent::restarted(name_)); break;
    case SwapKind::Revert:
        events_.push_back(SessionEvent::reverted(name_, config_.probation));
        break;
    }
}

void VoiceSession::swapFailed(reload::SwapKind kind, const reload::ReloadReport& report) {
    if (kind == reload::SwapKind::Start) return; // start() returns it
    post(SessionEvent::swapFailed(name_, kind, report));
}

void VoiceSession::post(SessionEvent event) {
    std::lock_guard lock(eventsMutex_);
    events_.push_back(std::move(event));
}

std::vector<SessionEvent> VoiceSession::poll() {
    engine_.collect();
    const auto now = std::chrono::steady_clock::now();
    // The host first, then whether a new build arrived: a swap that completes in between
    // has already flagged its build (under the route's lock), so a crash of a new build is
    // never judged without its probation.
    const std::shared_ptr<host::VoiceHost> host = route_.current();
    {
        std::lock_guard lock(eventsMutex_);
        if (newBuild_) supervisor_.newBuildPlays(newBuildAt_);
        newBuild_ = false;
    }
    if (supervisor_.probationEnded(now)) worker_.retirePrevious(); // it has proven itself
    const std::uint32_t region = route_.regionId();
    if (region != faultsRegion_) { // a new build's counters start at zero
        faults_ = {};
        faultsRegion_ = region;
    }
    if (const rt::RegionMixer* rm = engine_.regionMixer(region))
        for (const audio::VoiceFault& f : faults_.poll(*rm))
            post(SessionEvent::fault(f.describe(name_) + "; Govox silenced that note"));
    if (const std::uint32_t dropped = route_.takeDropped())
        post(SessionEvent::notice(
            "'" + name_ + "' did not take " + std::to_string(dropped) +
            " event(s) (notes, controllers): its event queue is full, the voice "
            "host is not reading it"));
    steerQuality(host.get(), now);
    const host::SupervisorStep step = supervisor_.poll(host.get(), now);
    if (step.crash.health != host::HostHealth::Running)
        post(SessionEvent::crashed(step.crash.message, step.crash.stack));
    switch (step.action) {
    case host::SupervisorAction::None: break;
    case host::SupervisorAction::Restart: worker_.restart(); break;
    case host::SupervisorAction::Revert: worker_.revert(); break;
    case host::SupervisorAction::GiveUp: post(SessionEvent::gaveUp(step.message)); break;
    }
    std::lock_guard lock(eventsMutex_);
    std::vector<SessionEvent> out(std::make_move_iterator(events_.begin()),
                                  std::make_move_iterator(events_.end()));
    events_.clear();
    return out;
}

// The figures that come before an underrun, judged by the governor, published to the host.
void VoiceSession::steerQuality(host::VoiceHost* host, std::chrono::steady_clock::time_point now) {
    if (host == nullptr || host->region() == nullptr) return;
    shm::Region& region = *host->region();
    const audio::QualityFigures f =
        qualityProbe_.read(region, engine_.regionMixer(route_.regionId()), engine_.stats(), now);
    const govox_quality before = quality_.quality();
    const govox_quality q = quality_.update(f, now);
    audio::QualityProbe::publish(region, q);
    if (q != before)
        post(SessionEvent::quality("'" + name_ + "' quality " + audio::qualityName(q) + ": " +
                                   quality_.reason()));
}

} // namespace govox::session
