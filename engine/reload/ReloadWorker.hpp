// ReloadWorker.hpp - builds a voice and swaps its hosts, on a thread of its own, so that
// neither the UI nor the audio thread ever waits for `go build` or a host's start.
//
// Aims
// - One swap sequence for every reason a host is replaced (SwapKind): start a host on the
//   library, carry the parameter values over by name, replay what is playing, wait until
//   its rings are prefilled, crossfade to it in the mixer, and retire the old host. Any
//   failure leaves the old build playing and says why (ReloadReport).
// - Reloads are debounced by the watcher and superseded here: a newer save cancels a
//   build still running, and replaces a restart that has not begun.
// - It keeps the built libraries: the running one, and the previous one for a revert
//   while the new build is on probation. retirePrevious() drops it once it has passed.
// - The listener hears of each swap at the moment of the switch, under the route's lock,
//   so no one can see (and report) a crash of the new host before its arrival.
//
// Threads: start/reload/restart/revert/retirePrevious/stop from any non-real-time thread
// (the session's control thread, the source watcher). Everything else, and the listener's
// calls, on the worker's own thread.
#pragma once

#include "engine/audio/AudioEngine.hpp"
#include "engine/reload/HostRoute.hpp"
#include "engine/reload/ReloadReport.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace govox::reload {

struct ReloadConfig {
    std::string voiceName;                 // in messages
    std::string voiceDir;                  // the Go package to build
    std::string sdkDir;                    // the SDK's go.mod folder
    std::string hostBinary;                // govox-voicehost
    std::string buildDir;                  // where built libraries go
    std::uint32_t voices = 32;             // voice slots per host
    std::uint32_t ringTargetFrames = 1024; // the ring depth hosts keep (latency)
    std::chrono::milliseconds crossfade{30};
};

class ReloadListener {
public:
    // The new build plays from now on (on the worker, under the route's lock).
    virtual void swapped(SwapKind kind, const ReloadReport& report) = 0;
    // The swap did not happen (on the worker); report.failedAt and failure say why.
    virtual void swapFailed(SwapKind kind, const ReloadReport& report) = 0;

protected:
    ~ReloadListener() = default;
};

class ReloadWorker {
public:
    ReloadWorker(audio::AudioEngine& engine, HostRoute& route, ReloadConfig config,
                 ReloadListener& listener);
    ~ReloadWorker(); // stop()
    ReloadWorker(const ReloadWorker&) = delete;
    ReloadWorker& operator=(const ReloadWorker&) = delete;

    // Starts the worker and has it build and swap in the first build; blocks until that
    // is done. Returns the report (failedAt None when the voice plays).
    ReloadReport start();
    // A source file changed at `changeSeen`: build and swap in the new source.
    void reload(std::chrono::steady_clock::time_point changeSeen);
    // The running build's host crashed: start it again (held notes are not replayed).
    void restart();
    // The new build crashed during its probation: go back to the previous build.
    void revert();
    // The new build has passed its probation: the previous library is not needed.
    void retirePrevious();
    // Cancels a build under way, ends the worker and deletes the libraries it built. The
    // route's hosts are the caller's to stop.
    void stop();

private:
    enum class Job { None, Start, Reload, Restart, Revert };

    void loop();
    void run(Job job, std::chrono::steady_clock::time_point changeSeen);
    void build(SwapKind kind, std::chrono::steady_clock::time_point changeSeen);
    bool swapTo(const std::string& library, SwapKind kind, ReloadReport& report);
    std::shared_ptr<host::VoiceHost> startHost(const std::string& library, ReloadReport& report);
    void keepLibrary(const std::string& library);
    void waitForPrefill(host::VoiceHost& next);
    void waitForCrossfade(std::uint64_t endFrame);

    audio::AudioEngine& engine_;
    HostRoute& route_;
    ReloadConfig config_;
    ReloadListener& listener_;

    std::mutex jobMutex_;
    std::condition_variable jobReady_;
    Job job_ = Job::None;
    std::chrono::steady_clock::time_point changeSeen_{};
    std::atomic<bool> cancelBuild_{false};
    bool quit_ = false;
    std::optional<ReloadReport> started_; // the Start job's report, for start()
    std::condition_variable startDone_;
    std::thread thread_;

    std::mutex librariesMutex_;
    std::string currentLibrary_;
    std::string previousLibrary_; // kept for a revert until the probation ends
};

} // namespace govox::reload
