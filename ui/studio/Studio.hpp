// Studio.hpp - the live model behind the window: the audio engine, the voice being
// played (with hot reload), MIDI input, recording, and the snapshots the widgets draw.
//
// Aims
// - One object owns the engine side; widgets hold a Studio& and listen to its signals.
// - Nothing blocks the UI thread: opening a voice (a `go build` of about a second) runs
//   on a worker thread and reports back through a queued signal.
// - 30 times a second it polls the voice session (watchdog, reload results) and copies
//   the engine's atomics into a StudioSnapshot.
//
// Threads: UI thread, except the note calls, which MIDI also makes (VoiceSession is
// thread-safe for those).
#pragma once

#include "engine/midi/MidiInput.hpp"
#include "engine/session/SessionEvent.hpp"
#include "engine/audio/AudioEngine.hpp"
#include "engine/audio/Recorder.hpp"
#include "engine/session/VoiceSession.hpp"
#include "ui/studio/StudioSnapshot.hpp"
#include "ui/studio/MidiLearn.hpp"

#include <QObject>
#include <QString>
#include <QTimer>

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace govox::ui {

class StudioMidiSink;

// Where the app finds its parts (the voice host, the SDK, the build cache).
struct StudioPaths {
    std::string hostBinary;
    std::string sdkDir;
    std::string buildDir;
};

class Studio final : public QObject {
    Q_OBJECT

public:
    explicit Studio(StudioPaths paths, QObject* parent = nullptr);
    ~Studio() override;

    // --- audio --------------------------------------------------------------------
    // (Re)starts the audio stream with these settings; a voice that was playing is
    // reopened on the new stream. Returns why no output could be opened, or empty.
    QString startAudio(const audio::EngineConfig& config, std::uint32_t ringTargetFrames);
    const audio::EngineStatus& audioStatus() const { return engine_.status(); }
    audio::AudioEngine& engine() { return engine_; }

    // --- the voice ----------------------------------------------------------------
    // Builds and starts the voice in `dir` in the background; voiceOpened or
    // voiceFailed follows. The voice playing now keeps playing until then.
    void openVoice(const QString& dir);
    QString voiceDir() const { return voiceDir_; }
    bool opening() const { return opening_; }
    session::VoiceSession* voice() { return session_.get(); }

    // --- playing (UI thread or MIDI) ------------------------------------------------
    void noteOn(int note, int velocity, int channel = 0);
    void noteOff(int note, int channel = 0);
    void controlChange(int controller, int value, int channel = 0);
    void pitchBend(int bend, int channel = 0);
    void panic(); // all notes off, sustain up, bend centred

    // --- MIDI, recording, counters ------------------------------------------------
    QString openMidi(const midi::MidiInputConfig& config);
    std::vector<std::string> midiPortsOpened() const { return midi_.opened(); }
    // True from the moment the JACK server under Govox's JACK MIDI went away (MIDI is
    // closed then, within a tick, so that nothing of the dead server remains when anything
    // opens on a new one; midiServerLost() is emitted) until MIDI is opened again.
    bool midiServerStopped() const { return midiServerStopped_; }
    QString startRecording(const QString& path);
    QString stopRecording();
    bool recording() const { return recorder_.recording(); }
    double recordedSeconds() const { return recorder_.seconds(); }
    void resetUnderruns();

    const StudioSnapshot& snapshot() const { return snapshot_; }

    // --- parameters (the parameter panel, MIDI learn; UI thread) ----------------------
    // The running voice's parameters as last announced by paramsChanged; empty without one.
    const std::vector<host::ParamInfo>& params() const { return params_; }
    // A parameter's value by name (case-insensitive); its default if never set, 0 if none.
    double paramValue(const QString& name);
    // Sets a parameter of the running voice, clamped to its range (the voice smooths it);
    // false if there is no voice or it has no parameter so named.
    bool setParam(const QString& name, double value);
    // Controllers mapped by MIDI learn move parameters instead of reaching the voice.
    ui::MidiLearn& midiLearn() { return midiLearn_; }

signals:
    void snapshotUpdated(const govox::ui::StudioSnapshot& snapshot);
    void midiServerLost(); // JACK MIDI's server went away; MIDI was closed
    void sessionEvent(const govox::session::SessionEvent& event);
    void voiceOpened(const QString& name);
    void voiceFailed(const QString& dir, const QString& message);
    void audioRestarted();
    // The running voice's parameter set changed: another voice, none, or a reload that
    // added, removed or changed parameters. Values are kept by name.
    void paramsChanged();

private:
    void tick();
    void fillSnapshot();
    void adoptSession(std::unique_ptr<session::VoiceSession> s, const QString& dir, const QString& error);
    session::VoiceSessionConfig sessionConfig(const QString& dir) const;

    StudioPaths paths_;
    audio::AudioEngine engine_;
    audio::Recorder recorder_{engine_};
    midi::MidiInput midi_;
    bool midiServerStopped_ = false;
    std::mutex sessionMutex_; // the UI replaces the session while MIDI plays into it
    std::unique_ptr<session::VoiceSession> session_;
    std::unique_ptr<StudioMidiSink> midiSink_;
    QString voiceDir_;
    bool opening_ = false;
    std::thread opener_;
    std::uint32_t ringTargetFrames_ = 1024;
    bool voiceCrashed_ = false;
    QTimer timer_;
    StudioSnapshot snapshot_;
    std::chrono::steady_clock::time_point started_;
    // Counter values at the last reset, subtracted from what the engine reports.
    std::uint64_t underrunBase_ = 0;
    std::vector<std::uint32_t> slotUnderrunBase_;
    std::uint32_t baseRegion_ = 0;
    // Keys down, from any thread that plays (MIDI's dispatcher, the UI): bit n = note n.
    std::array<std::atomic<std::uint64_t>, 2> held_{};
    void markHeld(int note, bool down);

    // Parameters: announced when their set changes; values carried when the same voice is
    // opened again (an audio restart reopens it on the new stream).
    void refreshParams();
    std::map<std::string, float> currentValues();
    std::vector<host::ParamInfo> params_;
    ui::MidiLearn midiLearn_;
    QString carriedDir_;
    std::map<std::string, float> carriedValues_;
};

} // namespace govox::ui
