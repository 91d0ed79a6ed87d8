// Studio.hpp - the live model behind the window: the audio engine, the voice being played
// (with hot reload), MIDI into it, recording, and the snapshots the widgets draw.
//
// Aims
// - One object owns the engine side; widgets hold a Studio& and ask it for what they want
//   done (play a note, set a parameter, reload, record) or shown (snapshots, signals).
//   Nothing reaches past it into the engine or the voice session.
// - Nothing blocks the UI thread: opening a voice (a `go build`) runs on the VoiceOpener's
//   thread and reports back through a queued call.
// - 30 times a second while anything sounds (10 while quiet) it polls the voice session
//   (watchdog, reload results) and has the SnapshotBuilder copy the engine's atomics into a
//   StudioSnapshot. Parameter values survive reopening a voice (ParamCarry).
// - MIDI from any source goes through MIDI learn first: a mapped controller moves its
//   parameter instead of reaching the voice.
//
// Threads: the UI thread, except noteOn/noteOff/controlChange/pitchBend/panic, which MIDI's
// dispatcher thread also calls: a mutex guards the session against the UI replacing it
// meanwhile, and the keys held are atomics.
#pragma once

#include "engine/audio/AudioEngine.hpp"
#include "engine/audio/Recorder.hpp"
#include "engine/midi/MidiInput.hpp"
#include "engine/rt/OutputTap.hpp"
#include "engine/session/SessionEvent.hpp"
#include "engine/session/VoiceSession.hpp"
#include "ui/studio/HeldKeys.hpp"
#include "ui/studio/MidiLearn.hpp"
#include "ui/studio/ParamCarry.hpp"
#include "ui/studio/SnapshotBuilder.hpp"
#include "ui/studio/StudioSnapshot.hpp"
#include "ui/studio/VoiceOpener.hpp"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>
#include <mutex>
#include <sys/types.h>
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
    bool audioRunning() const { return engine_.running(); }
    // Why a stream that started has stopped by itself (device unplugged, server gone).
    QString streamError() const { return QString::fromStdString(engine_.streamError()); }
    // A copy of the output from now on (tests, measurements); see AudioEngine::startTap.
    std::shared_ptr<rt::OutputTap> startOutputTap(std::uint32_t capacityFrames);
    void stopOutputTap() { engine_.stopTap(); }

    // --- the voice ----------------------------------------------------------------
    // Builds and starts the voice in `dir` in the background; voiceOpened or
    // voiceFailed follows. The voice playing now keeps playing until then.
    void openVoice(const QString& dir);
    QString voiceDir() const { return voiceDir_; }
    bool opening() const { return opener_.opening(); }
    bool hasVoice() const { return session_ != nullptr; }
    // The voice's name (its folder's); empty without one.
    QString voiceName() const;
    // Rebuilds the voice now, as if its source had been saved.
    void reloadVoice();
    // The running voice host's process id, -1 without one (diagnostics, tests).
    pid_t voiceHostPid() const;

    // --- playing (UI thread or MIDI) ------------------------------------------------
    // `at` is when the key or wheel moved: the MIDI input's time for MIDI, the moment of
    // the call for the on-screen keyboard. The engine plays it one host buffer later.
    void noteOn(int note, int velocity, int channel = 0, rt::EventTime at = rt::EventTime::now());
    void noteOff(int note, int channel = 0, rt::EventTime at = rt::EventTime::now());
    void controlChange(int controller, int value, int channel = 0,
                       rt::EventTime at = rt::EventTime::now());
    void pitchBend(int bend, int channel = 0, rt::EventTime at = rt::EventTime::now());
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
    void resetUnderruns() { snapshots_.resetUnderruns(snapshot_); }

    const StudioSnapshot& snapshot() const { return snapshot_; }

    // --- parameters (the parameter panel, MIDI learn; UI thread) ----------------------
    // The running voice's parameters as last announced by paramsChanged; empty without one.
    const std::vector<host::ParamInfo>& params() const { return params_; }
    // A parameter's value by name (case-insensitive); its default if never set, 0 if none.
    double paramValue(const QString& name) const;
    // Sets a parameter of the running voice, clamped to its range (the voice smooths it);
    // false if there is no voice or it has no parameter so named.
    bool setParam(const QString& name, double value);
    // Controllers mapped by MIDI learn move parameters instead of reaching the voice.
    MidiLearn& midiLearn() { return midiLearn_; }

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
    void adoptSession(std::unique_ptr<session::VoiceSession> s, const QString& dir,
                      const QString& error);
    session::VoiceSessionConfig sessionConfig(const QString& dir) const;
    void refreshParams();

    StudioPaths paths_;
    audio::AudioEngine engine_;
    audio::Recorder recorder_{engine_};
    midi::MidiInput midi_;
    bool midiServerStopped_ = false;
    mutable std::mutex sessionMutex_; // the UI replaces the session while MIDI plays into it
    std::unique_ptr<session::VoiceSession> session_;
    std::unique_ptr<StudioMidiSink> midiSink_;
    QString voiceDir_;
    VoiceOpener opener_;
    std::uint32_t ringTargetFrames_ = 1024;
    bool voiceCrashed_ = false;
    QTimer timer_;
    SnapshotBuilder snapshots_;
    StudioSnapshot snapshot_;
    HeldKeys held_; // keys down, from any thread that plays
    std::vector<host::ParamInfo> params_;
    MidiLearn midiLearn_;
    ParamCarry carry_;
};

} // namespace govox::ui
