// VoiceSession.hpp - one Go voice, live: built from its folder, played through the
// engine, rebuilt and swapped in without a dropout whenever its source is saved, and kept
// playing through crashes of its host.
//
// Aims
// - The session puts the parts together and routes; each job lives in a class of its own:
//   reload::HostRoute routes the player's notes and holds the parameter values,
//   reload::ReloadWorker builds and swaps hosts on its thread (hot reload, restarts,
//   reverts), host::HostSupervisor decides what a crash leads to, audio::VoiceFaults
//   reads the mixer's fault counters, and reload::SourceWatcher sees saves.
// - Everything the user should hear of comes out of poll() as SessionEvents, oldest first.
//
// Threads: start/stop/poll and the read-only accessors on one control thread. The note
// and parameter calls may come from any non-real-time thread (MIDI, the UI's keyboard).
// sourceChanged may come from any thread. Builds and swaps, the first one included, run
// on the reload worker's thread; start() waits for the first.
#pragma once

#include "engine/audio/AudioEngine.hpp"
#include "engine/audio/QualityGovernor.hpp"
#include "engine/audio/QualityProbe.hpp"
#include "engine/audio/VoiceFaults.hpp"
#include "engine/host/CrashPolicy.hpp"
#include "engine/host/HostSupervisor.hpp"
#include "engine/midi/MidiSink.hpp"
#include "engine/reload/HostRoute.hpp"
#include "engine/reload/ReloadWorker.hpp"
#include "engine/reload/SourceWatcher.hpp"
#include "engine/session/SessionEvent.hpp"

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace govox::session {

// Whether the session rebuilds the voice when its source is saved.
enum class WatchSource { Yes, No };

struct VoiceSessionConfig {
    std::string voiceDir;
    std::string sdkDir;
    std::string hostBinary;
    std::string buildDir;                  // where built libraries go
    std::uint32_t voices = 32;             // voice slots per host
    std::uint32_t ringTargetFrames = 1024; // the ring depth hosts keep (latency)
    std::chrono::milliseconds crossfade{30};
    std::chrono::milliseconds probation{3000}; // a new build that crashes sooner is reverted
    WatchSource watch = WatchSource::Yes;
    host::SupervisorPolicy restarts;
};

// The running host's own figures (heartbeat, Go runtime) and its ring layout.
struct HostFigures {
    bool alive = false;
    std::uint64_t heartbeat = 0;
    std::uint64_t gcPauseP99Ns = 0, gcPauseMaxNs = 0, gcCycles = 0, heapBytes = 0;
    std::uint32_t goroutines = 0, activeVoices = 0;
    std::uint32_t voices = 0, ringCapacityFrames = 0, ringTargetFrames = 0;
    // The quality hint the engine gives the host now, and why (audio::QualityGovernor).
    govox_quality quality = GOVOX_QUALITY_NORMAL;
    std::string qualityWhy;
    // How changes reach frames already in the voice's rings (govox_abi.h, "Rewrites"):
    // NONE means they wait behind the ring (ring latency).
    govox_rollback rollback = GOVOX_ROLLBACK_NONE;
};

class VoiceSession final : public midi::MidiSink, private reload::ReloadListener {
public:
    VoiceSession(audio::AudioEngine& engine, VoiceSessionConfig config);
    ~VoiceSession() override;
    VoiceSession(const VoiceSession&) = delete;
    VoiceSession& operator=(const VoiceSession&) = delete;

    // Builds and starts the voice (blocking). Returns why it could not, or empty.
    std::string start();
    // Stops the hosts; what sounds fades out over `fadeOut` in the mixer (not cut).
    void stop(std::chrono::milliseconds fadeOut = std::chrono::milliseconds(0));

    // Playing (any non-real-time thread).
    void noteOn(const rt::EventTime& at, std::uint8_t channel, std::uint8_t note,
                std::uint8_t velocity) override;
    void noteOff(const rt::EventTime& at, std::uint8_t channel, std::uint8_t note) override;
    void controlChange(const rt::EventTime& at, std::uint8_t channel, std::uint8_t controller,
                       std::uint8_t value) override;
    void pitchBend(const rt::EventTime& at, std::uint8_t channel, std::int32_t bend) override;
    void allNotesOff(const rt::EventTime& at) override;
    using MidiSink::allNotesOff;
    using MidiSink::controlChange;
    using MidiSink::noteOff;
    using MidiSink::noteOn;
    using MidiSink::pitchBend;
    // Sets a parameter by name (clamped to its range); false if the voice has none so named.
    bool setParam(const std::string& name, float value,
                  const rt::EventTime& at = rt::EventTime::now());

    // A source file changed (the watcher calls this; tests and the UI may too).
    void sourceChanged(std::chrono::steady_clock::time_point firstSeen);

    // Control thread, every few tens of milliseconds: watchdog, restarts, probation,
    // fault messages. Returns what happened since the last call, oldest first.
    std::vector<SessionEvent> poll();

    // The voice's parameters as the running build declares them.
    std::vector<host::ParamInfo> params() const;
    float paramValue(const std::string& name) const;
    HostFigures hostFigures() const;
    // The mixer id of the region sounding now (for meters); 0 if none.
    std::uint32_t regionId() const;
    // The running host's process id, -1 if none (tests, diagnostics).
    pid_t hostPid() const;
    const std::string& name() const noexcept { return name_; }

private:
    void swapped(reload::SwapKind kind, const reload::ReloadReport& report) override;
    void swapFailed(reload::SwapKind kind, const reload::ReloadReport& report) override;
    void post(SessionEvent event);
    // Reads the running host's figures, lets the governor choose and publishes the hint.
    void steerQuality(host::VoiceHost* host, std::chrono::steady_clock::time_point now);

    audio::AudioEngine& engine_;
    VoiceSessionConfig config_;
    std::string name_;
    reload::HostRoute route_;
    reload::ReloadWorker worker_;
    reload::SourceWatcher watcher_;

    // The control thread's.
    host::HostSupervisor supervisor_;
    audio::VoiceFaults faults_;
    std::uint32_t faultsRegion_ = 0; // the region faults_ counts for
    audio::QualityGovernor quality_;
    audio::QualityProbe qualityProbe_;

    // Posted from the worker (swaps) and the control thread; taken by poll(). A reload's
    // success also puts the new build on probation: the supervisor hears of it in poll().
    std::mutex eventsMutex_;
    std::deque<SessionEvent> events_;
    bool newBuild_ = false;
    std::chrono::steady_clock::time_point newBuildAt_{};
};

} // namespace govox::session
