// SoakApp.hpp - Govox as a user runs it: the main window over a Studio, audio through
// JACK, MIDI from every JACK input (following new ones), playing a copy of the pad voice
// that the soak edits and saves.
//
// Aims
// - Drive the app's own code paths: the window restarts a stream that died, the MIDI
//   panel follows ports, the Studio polls the session. The soak only plays, edits and
//   breaks things from outside, as a musician, an editor or a crash would.
// - The voice is go-plugins/voices/pad with three edits the soak needs: 32 voices
//   instead of 16; Detune's maximum set to 100 + the save's number, so the parameters
//   tell which save is playing; and a hook that makes note 1 loop forever inside Render
//   (the frozen-heartbeat fault). The folder is named "pad", so messages read as for
//   the real pad.
// - Session events are kept with their time; engine counters are summed across audio
//   restarts (each restart makes a new mixer whose counters start at zero).
//
// Threads: the control (UI) thread.
#pragma once

#include "engine/session/SessionEvent.hpp"
#include "ui/studio/Studio.hpp"
#include "ui/window/MainWindow.hpp"

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace govox::soak {

struct SeenEvent {
    double at = 0; // now() when the Studio announced it
    session::SessionEvent event;
};

struct EngineTotals {
    std::uint64_t xruns = 0, underruns = 0, corruptions = 0;
};

class SoakApp {
public:
    // `work`: an empty folder for the voice, its builds and the settings.
    explicit SoakApp(const std::filesystem::path& work);
    ~SoakApp();

    // Writes the voice, shows the window and opens the voice through JACK; waits until it
    // plays (or says why not).
    std::string begin();

    ui::Studio& studio() { return *studio_; }
    ui::MainWindow& window() { return *window_; }
    ui::AudioSettings audioSettings() const;

    // Saves the voice as an editor does (a new file renamed over the old one) with
    // Detune's maximum set to 100 + generation.
    std::string save(int generation);
    // Detune's maximum as the running build declares it (0 without a voice).
    float detuneMax() const;

    const std::vector<SeenEvent>& events() const { return events_; }
    // The first event of one of `kinds` at index `from` or later, waiting up to `seconds`.
    std::optional<SeenEvent> waitEvent(std::size_t from,
                                       std::initializer_list<session::SessionEventKind> kinds,
                                       double seconds);
    // The voice host's pid (-1 while none runs).
    pid_t hostPid();

    EngineTotals totals() const;
    // Highest callback p99 and longest callback (fractions of the period) in the snapshots
    // since the last reset (each a 1 s window of the engine's CallbackLoad).
    double callbackP99Max() const { return p99Max_; }
    double callbackMax() const { return callbackMax_; }
    void resetCallbackFigures() { p99Max_ = callbackMax_ = 0; }
    // Snapshots in which the engine was not running.
    int stoppedSnapshots() const { return stoppedSnapshots_; }

private:
    std::string sourceFor(int generation) const;
    void onSnapshot(const ui::StudioSnapshot& s);

    std::filesystem::path work_, voiceDir_;
    std::string padSource_;
    std::unique_ptr<ui::Studio> studio_;
    std::unique_ptr<ui::MainWindow> window_;
    std::vector<SeenEvent> events_;
    EngineTotals banked_, last_;
    double p99Max_ = 0, callbackMax_ = 0;
    int stoppedSnapshots_ = 0;
};

} // namespace govox::soak
