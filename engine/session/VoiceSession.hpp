// VoiceSession.hpp - one Go voice, live: built from its folder, played through the
// engine, rebuilt and swapped in without a dropout whenever its source is saved.
//
// Aims
// - Hot reload: a save (SourceWatcher) starts `go build` on a worker thread, off the UI
//   and audio threads; a newer save cancels a build still running. A good build gets a
//   new voice host, which receives the parameter values (by name) and every held note
//   (past its attack), prefills its rings, and is crossfaded in while the old host is
//   retired. Any failure - compile errors, a host that will not start, a new build that
//   crashes within its probation - leaves the old sound playing and says why.
// - Supervision: a host that crashes or hangs is restarted (with held notes) after a
//   backoff, until a crash loop makes the session give up and say so.
// - Every reload records its timings for the UI and the command line.
//
// Threads: start/stop/poll on one control thread. The note and parameter calls may come
// from any non-real-time thread (MIDI, the UI's keyboard). sourceChanged may come from
// any thread. Building and swapping happen on the session's own worker thread.
#pragma once

#include "engine/build/VoiceBuilder.hpp"
#include "engine/host/CrashPolicy.hpp"
#include "engine/host/VoiceHost.hpp"
#include "engine/midi/MidiSink.hpp"
#include "engine/events/PlayingState.hpp"
#include "engine/reload/ReloadReport.hpp"
#include "engine/reload/SourceWatcher.hpp"
#include "engine/audio/AudioEngine.hpp"
#include "engine/audio/VoiceFaults.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace govox::session {

struct VoiceSessionConfig {
    std::string voiceDir;
    std::string sdkDir;
    std::string hostBinary;
    std::string buildDir;                   // where built libraries go
    std::uint32_t voices = 32;              // voice slots per host
    std::uint32_t ringTargetFrames = 1024;  // the ring depth hosts keep (latency)
    std::chrono::milliseconds crossfade{30};
    std::chrono::milliseconds probation{3000};
    bool watch = true;                      // rebuild on save
    host::SupervisorPolicy restarts;
};

class VoiceSession final : public midi::MidiSink {
public:
    VoiceSession(audio::AudioEngine& engine, VoiceSessionConfig config);
    ~VoiceSession() override;
    VoiceSession(const VoiceSession&) = delete;
    VoiceSession& operator=(const VoiceSession&) = delete;

    // Builds and starts the voice (blocking). Returns why it could not, or empty.
    std::string start();
    void stop();

    // Playing (any non-real-time thread).
    void noteOn(std::uint8_t channel, std::uint8_t note, std::uint8_t velocity) override;
    void noteOff(std::uint8_t channel, std::uint8_t note) override;
    void controlChange(std::uint8_t channel, std::uint8_t controller, std::uint8_t value) override;
    void pitchBend(std::uint8_t channel, std::int32_t bend) override;
    void allNotesOff() override;
    // Sets a parameter by name (clamped to its range); false if the voice has none so named.
    bool setParam(const std::string& name, float value);

    // A source file changed (the watcher calls this; tests and the UI may too).
    void sourceChanged(std::chrono::steady_clock::time_point firstSeen);

    // Control thread, every few tens of milliseconds: watchdog, restarts, probation,
    // fault messages. Returns what happened since the last call, oldest first.
    std::vector<reload::SessionEvent> poll();

    // The voice's parameters as the running build declares them.
    std::vector<host::ParamInfo> params() const;
    float paramValue(const std::string& name) const;
    // The running host's own figures (heartbeat, Go runtime) and its ring layout.
    struct HostFigures {
        bool alive = false;
        std::uint64_t heartbeat = 0;
        std::uint64_t gcPauseP99Ns = 0, gcPauseMaxNs = 0, gcCycles = 0, heapBytes = 0;
        std::uint32_t goroutines = 0, activeVoices = 0;
        std::uint32_t voices = 0, ringCapacityFrames = 0, ringTargetFrames = 0;
    };
    HostFigures hostFigures() const;

    // The mixer id of the region sounding now (for meters); 0 if none.
    std::uint32_t regionId() const;
    // The running host's process id, -1 if none (tests, diagnostics).
    pid_t hostPid() const;
    std::string name() const { return name_; }

private:
    enum class Job { None, Reload, Restart, Revert };

    void workerLoop();
    void runReload(std::chrono::steady_clock::time_point changeSeen);
    void runRestart(Job why);
    // Starts a host on `library`, hands it the playing state and parameters, waits for
    // its prefill and crossfades to it. Fills `report` with timings (ms since `origin`);
    // false on failure, with report.message saying why. `switched` runs under the route
    // lock at the moment the new host becomes current, so that poll() cannot see (and
    // report) a crash of the new host before the swap itself is announced and its
    // probation has begun.
    bool swapTo(const std::string& library, reload::SessionEvent& report,
                std::chrono::steady_clock::time_point origin, bool replayNotes,
                const std::function<void()>& switched);
    std::shared_ptr<host::VoiceHost> startHost(const std::string& library, reload::SessionEvent& report);
    void carryParams(host::VoiceHost& next, reload::SessionEvent& report);
    void waitForPrefill(host::VoiceHost& next);
    void waitForCrossfade(std::uint64_t startFrame);
    std::uint64_t nowFrame() const;
    void post(reload::SessionEvent event);
    void forEachHost(const std::function<void(events::EventSender&)>& send);
    void retireLibrary(const std::string& library);

    audio::AudioEngine& engine_;
    VoiceSessionConfig config_;
    std::string name_;
    reload::SourceWatcher watcher_;

    // Routing: which hosts events go to, and what is being played.
    mutable std::mutex routeMutex_;
    std::shared_ptr<host::VoiceHost> current_;
    std::shared_ptr<host::VoiceHost> next_; // during a swap, events go to both
    std::uint32_t currentId_ = 0;
    std::string currentLibrary_;
    std::string previousLibrary_; // kept for a revert until probation ends
    std::chrono::steady_clock::time_point probationUntil_{};
    events::PlayingState playing_;
    std::map<std::string, float> values_; // by lower-case name, kept across builds

    // The worker's queue.
    std::mutex jobMutex_;
    std::condition_variable jobReady_;
    Job job_ = Job::None;
    std::chrono::steady_clock::time_point changeSeen_{};
    std::atomic<bool> cancelBuild_{false};
    bool quit_ = false;
    std::thread worker_;

    // Control thread state.
    host::CrashPolicy crashes_;
    std::atomic<bool> gaveUp_{false}; // cleared by the worker after a good reload
    bool restartPending_ = false;
    audio::VoiceFaults faults_;

    std::mutex eventsMutex_;
    std::deque<reload::SessionEvent> events_;
};

} // namespace govox::session
