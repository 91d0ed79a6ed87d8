// MainWindow.hpp - Govox's window: pick a voice, play it (MIDI, the on-screen keyboard,
// the computer keyboard), watch its buffers and its builds, record what it plays.
//
// Layout: a toolbar (voice picker, reload, panic, record, audio settings, MIDI); the crash
// banner and the status panel; per-voice meters beside the buffer-health graphs; the
// on-screen keyboard; the voice's parameters, its presets and the build console as docks;
// Edit's undo and redo for parameter changes and preset loads. Window geometry and dock layout are
// remembered (QSettings "window/...").
//
// Threads: UI thread.
#pragma once

#include "ui/audio/AudioSettings.hpp"
#include "ui/audio/AudioStart.hpp"
#include "ui/audio/OutputReturnWatch.hpp"
#include "ui/studio/Studio.hpp"

#include <QMainWindow>

class QAction;
class QDockWidget;
class QLabel;

namespace govox::ui {

class BuildConsole;
class ComputerKeyboard;
class CrashBanner;
class HealthPlot;
class KeyboardWidget;
class MidiPanel;
class StatusPanel;
class VoiceMeters;
class VoicePicker;
} // namespace govox::ui

namespace govox::params {
class ParamPanel;
} // namespace govox::params

namespace govox::presetbrowser {
class PresetBrowser;
} // namespace govox::presetbrowser

namespace govox::ui {

class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    // Builds and plays the voice in `dir` (what the voice picker does); the one playing now
    // plays on until the new one is ready or has failed.
    void openVoice(const QString& dir);
    MainWindow(Studio& studio, QString examplesDir, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Starts audio from the saved settings and opens `voiceDir` (or the last voice, or
    // the pad example). Called once after show().
    void begin(const QString& voiceDir = {});

    // For tests and screenshots.
    BuildConsole* buildConsole() const { return console_; }
    CrashBanner* crashBanner() const { return banner_; }
    StatusPanel* statusPanel() const { return status_; }
    VoiceMeters* voiceMeters() const { return meters_; }
    HealthPlot* healthPlot() const { return plot_; }
    KeyboardWidget* keyboard() const { return keyboard_; }
    MidiPanel* midiPanel() const { return midi_; }
    params::ParamPanel* paramPanel() const { return params_; }
    presetbrowser::PresetBrowser* presetBrowser() const { return presets_; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildActions();
    void buildLayout();
    void connectStudio();
    void applyAudio(const AudioSettings& settings);
    StartResult
    startAudio(const AudioSettings& settings); // and remembers it, and tells outputReturn_
    void returnToChosenOutput();
    void showSessionEvent(const session::SessionEvent& e);
    void deliverNoteOn(int note, int velocity); // from the on-screen and computer keyboards
    void deliverNoteOff(int note);
    void panic(); // silence, and no key left lit or held
    void showSnapshot(const StudioSnapshot& s);
    void watchStream(const StudioSnapshot& s);
    void toggleRecording();
    void showAudioSettings();
    void showAbout();
    void reloadNow();

    Studio& studio_;
    QString examplesDir_;
    AudioSettings audio_;
    VoicePicker* picker_ = nullptr;
    CrashBanner* banner_ = nullptr;
    StatusPanel* status_ = nullptr;
    VoiceMeters* meters_ = nullptr;
    HealthPlot* plot_ = nullptr;
    KeyboardWidget* keyboard_ = nullptr;
    ComputerKeyboard* computerKeys_ = nullptr;
    MidiPanel* midi_ = nullptr;
    BuildConsole* console_ = nullptr;
    QDockWidget* buildDock_ = nullptr;
    params::ParamPanel* params_ = nullptr;            // in its own dock, "Parameters"
    presetbrowser::PresetBrowser* presets_ = nullptr; // in its own dock, "Presets"
    QAction* recordAction_ = nullptr;
    QLabel* figures_ = nullptr;
    OutputReturnWatch* outputReturn_ = nullptr; // back to the chosen output when it returns
    bool wasRunning_ = false;
    double lastRestart_ = -10.0;
};

} // namespace govox::ui
