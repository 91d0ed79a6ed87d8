#include "engine/reload/ReloadWorker.hpp"

#include "engine/abi/SharedAtomic.hpp"
#include "engine/build/VoiceBuilder.hpp"

#include <algorithm>
#include <filesystem>

namespace govox::reload {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void removeLibrary(const std::string& library) {
    if (library.empty()) return;
    std::error_code ignored;
    std::filesystem::remove(library, ignored);
}

} // namespace

ReloadWorker::ReloadWorker(audio::AudioEngine& engine, HostRoute& route, ReloadConfig config,
                           ReloadListener& listener)
    : engine_(engine), route_(route), config_(std::move(config)), listener_(listener) {}

ReloadWorker::~ReloadWorker() {
    stop();
}

ReloadReport ReloadWorker::start() {
    {
        std::lock_guard lock(jobMutex_);
        quit_ = false;
        started_.reset();
        job_ = Job::Start;
        changeSeen_ = Clock::now();
    }
    if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
    jobReady_.notify_all();
    std::unique_lock lock(jobMutex_);
    startDone_.wait(lock, [this] { return started_.has_value(); });
    return *started_;
}

void ReloadWorker::reload(Clock::time_point changeSeen) {
    {
        std::lock_guard lock(jobMutex_);
        if (job_ != Job::Reload) changeSeen_ = changeSeen;
        job_ = Job::Reload;  // supersedes a pending restart: the new build replaces the host
        cancelBuild_ = true; // a build still running is for older source
    }
    jobReady_.notify_all();
}

void ReloadWorker::restart() {
    {
        std::lock_guard lock(jobMutex_);
        if (job_ == Job::None) job_ = Job::Restart;
    }
    jobReady_.notify_all();
}

void ReloadWorker::revert() {
    {
        std::lock_guard lock(jobMutex_);
        job_ = Job::Revert;
    }
    jobReady_.notify_all();
}

void ReloadWorker::retirePrevious() {
    std::lock_guard lock(librariesMutex_);
    removeLibrary(previousLibrary_);
    previousLibrary_.clear();
}

void ReloadWorker::stop() {
    {
        std::lock_guard lock(jobMutex_);
        quit_ = true;
        cancelBuild_ = true;
    }
    jobReady_.notify_all();
    if (thread_.joinable()) thread_.join();
    std::lock_guard lock(librariesMutex_);
    removeLibrary(currentLibrary_);
    removeLibrary(previousLibrary_);
    currentLibrary_.clear();
    previousLibrary_.clear();
}

void ReloadWorker::loop() {
    for (;;) {
        Job job;
        Clock::time_point seen;
        {
            std::unique_lock lock(jobMutex_);
            jobReady_.wait(lock, [this] { return quit_ || job_ != Job::None; });
            if (quit_) {
                if (!started_) {
                    started_ = ReloadReport{};
                    started_->failedAt = SwapFailure::Host;
                    started_->failure = "the session stopped before the voice started";
                }
                startDone_.notify_all();
                return;
            }
            job = job_;
            seen = changeSeen_;
            job_ = Job::None;
            cancelBuild_ = false;
        }
        run(job, seen);
    }
}

void ReloadWorker::run(Job job, Clock::time_point changeSeen) {
    switch (job) {
    case Job::None: return;
    case Job::Start: return build(SwapKind::Start, changeSeen);
    case Job::Reload: return build(SwapKind::Reload, changeSeen);
    case Job::Restart:
    case Job::Revert: {
        const SwapKind kind = job == Job::Revert ? SwapKind::Revert : SwapKind::Restart;
        std::string library;
        {
            std::lock_guard lock(librariesMutex_);
            library = kind == SwapKind::Revert ? previousLibrary_ : currentLibrary_;
        }
        if (library.empty()) return;
        ReloadReport report;
        report.timings.changeSeen = Clock::now();
        if (!swapTo(library, kind, report)) listener_.swapFailed(kind, report);
        return;
    }
    }
}

// Builds the source and swaps it in; a Start also answers start().
void ReloadWorker::build(SwapKind kind, Clock::time_point changeSeen) {
    ReloadReport report;
    report.timings.changeSeen = changeSeen;
    report.timings.buildStartMs = msSince(changeSeen);
    const build::BuildResult built = build::buildVoice({.voiceDir = config_.voiceDir,
                                                        .outputDir = config_.buildDir,
                                                        .sdkDir = config_.sdkDir,
                                                        .cancel = &cancelBuild_});
    if (built.cancelled && kind == SwapKind::Reload) return; // a newer save builds next
    report.timings.buildDoneMs = msSince(changeSeen);
    bool ok = false;
    if (!built.ok) {
        report.failedAt = SwapFailure::Build;
        report.failure = built.cancelled ? "the build was cancelled" : built.error;
        report.errors = built.errors;
    } else if (!(ok = swapTo(built.library, kind, report))) {
        removeLibrary(built.library);
    }
    if (!ok) listener_.swapFailed(kind, report);
    if (kind == SwapKind::Start) {
        std::lock_guard lock(jobMutex_);
        started_ = report;
        startDone_.notify_all();
    }
}

std::shared_ptr<host::VoiceHost> ReloadWorker::startHost(const std::string& library,
                                                         ReloadReport& report) {
    const std::uint32_t maxBlock = engine_.maxBlockFrames();
    host::VoiceHostConfig c;
    c.name = config_.voiceName;
    c.library = library;
    c.hostBinary = config_.hostBinary;
    std::uint32_t capacity = 256;
    while (capacity < 2 * config_.ringTargetFrames || capacity < 2 * maxBlock) capacity *= 2;
    c.region = {.voiceCount = config_.voices,
                .ringCapacityFrames = capacity,
                .ringTargetFrames = config_.ringTargetFrames,
                .sampleRate = engine_.sampleRate(),
                .maxBlockFrames = std::min(maxBlock, capacity / 2)};
    host::HostProblem failure;
    std::unique_ptr<host::VoiceHost> h = host::VoiceHost::start(c, failure);
    if (!h) {
        report.failedAt = SwapFailure::Host;
        report.failure = failure.message;
        report.stack = failure.stack;
        return nullptr;
    }
    return std::shared_ptr<host::VoiceHost>(std::move(h));
}

// Starts a host on `library`, hands it the parameters and what is playing, waits for its
// prefill and crossfades to it. Timings are in ms since report.timings.changeSeen.
bool ReloadWorker::swapTo(const std::string& library, SwapKind kind, ReloadReport& report) {
    const Clock::time_point t0 = report.timings.changeSeen;
    if (engine_.sampleRate() == 0) {
        report.failedAt = SwapFailure::Host;
        report.failure = "the audio engine is not running";
        return false;
    }
    std::shared_ptr<host::VoiceHost> next = startHost(library, report);
    if (!next) return false;
    // A restart of the build that crashed does not replay held notes: one of them may be
    // what crashed it. A revert goes back to a build that played them fine.
    report.removedParams = route_.beginSwap(
        next, kind == SwapKind::Restart ? events::HeldNotes::Drop : events::HeldNotes::Replay);
    report.timings.hostReadyMs = msSince(t0);
    waitForPrefill(*next);
    report.timings.prefilledMs = msSince(t0);
    const std::uint32_t oldId = route_.regionId();
    const std::uint64_t fadeStart = engine_.frame();
    const auto fadeFrames =
        static_cast<std::uint32_t>(config_.crossfade.count() * engine_.sampleRate() / 1000);
    const std::uint32_t newId = oldId ? engine_.crossfade(oldId, next->region(), fadeFrames)
                                      : engine_.attach(next->region(), 0);
    report.timings.firstSampleMs = msSince(t0);
    if (newId == 0) {
        route_.abandonSwap();
        report.failedAt = SwapFailure::Host;
        report.failure = "the mixer did not take the new build";
        return false;
    }
    if (oldId) waitForCrossfade(fadeStart + fadeFrames);
    report.timings.crossfadeDoneMs = msSince(t0);
    std::shared_ptr<host::VoiceHost> old = route_.completeSwap(newId, [&] {
        keepLibrary(library);
        listener_.swapped(kind, report);
    });
    old.reset(); // asks the old host to stop and reaps it
    return true;
}

// The library that now plays; the one before it stays for a revert during probation.
void ReloadWorker::keepLibrary(const std::string& library) {
    std::lock_guard lock(librariesMutex_);
    if (library == previousLibrary_) { // a revert: the failed build goes
        removeLibrary(currentLibrary_);
        currentLibrary_ = library;
        previousLibrary_.clear();
    } else if (library != currentLibrary_) {
        removeLibrary(previousLibrary_);
        previousLibrary_ = currentLibrary_;
        currentLibrary_ = library;
    }
}

// The new host has taken every event and its sounding voices hold half a ring target,
// or half a second has passed (a voice that renders slowly still gets its turn).
void ReloadWorker::waitForPrefill(host::VoiceHost& next) {
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

// Until the engine's clock has passed the end of the crossfade (plus a block), at most 2 s
// (a stream that stopped does not hold the worker).
void ReloadWorker::waitForCrossfade(std::uint64_t endFrame) {
    const std::uint64_t target = endFrame + engine_.maxBlockFrames();
    const auto deadline = Clock::now() + std::chrono::seconds(2);
    while (engine_.frame() < target && Clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

} // namespace govox::reload
