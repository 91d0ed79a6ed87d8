// The JACK server dies (SIGKILL, no goodbye) while Govox plays, and comes back. The window
// notices the dead stream and reopens audio, falling back as at start-up; once the server
// is back it goes back to JACK by itself (OutputReturn: a look every 2 s) and plays.
//
// Twice, because what else Govox has open on the server decides the outcome:
// - MIDI through ALSA (what the MIDI panel picks where an ALSA sequencer exists): Govox
//   has no JACK client but its audio stream.
// - MIDI through JACK: Govox's JACK MIDI client must notice the server's death and close
//   before anything opens on the new server (libjack's process-wide state would spoil the
//   new clients), say so in the MIDI panel, and come back on the new server by itself.
// Everything must recover in both.
#include "Phases.hpp"
#include "Waiting.hpp"
#include "ui/health/StatusPanel.hpp"
#include "ui/keyboard/MidiPanel.hpp"

#include <QStatusBar>

#include <cstdio>

namespace govox::soak {
namespace {

constexpr int kChord[] = {60, 64, 67};

bool voicePlays(SoakApp& app) {
    return app.studio().hasVoice() && !app.studio().opening();
}

bool ownMidiPort(SoakRig& rig) {
    return !rig.ears().ports(":Govox$", JACK_DEFAULT_MIDI_TYPE, JackPortIsInput).empty();
}

} // namespace

void runJackFault(SoakRig& rig, bool jackMidi) {
    Report& r = rig.report();
    SoakApp& app = rig.app();
    ui::MidiPanel& panel = *app.window().midiPanel();
    const std::string fault =
        std::string("JACK server killed (SIGKILL) and restarted, MIDI through ") +
        (jackMidi ? "JACK" : "ALSA");
    const auto check = [&](bool ok, const std::string& what, const std::string& detail = {}) {
        return r.check(ok, fault + ": " + what, detail);
    };
    std::printf("=== %s\n", fault.c_str());
    // The soak's keyboard and monitor stand for other programs: they close here, because
    // in this process they would share libjack's state with Govox's clients. A chord from
    // the on-screen keyboard sounds until the kill.
    rig.dropClients();
    if (!jackMidi) panel.setApi(midi::MidiApi::Alsa); // here: no ALSA sequencer, so no MIDI
    for (int n : kChord) app.studio().noteOn(n, 100);
    const double t0 = now();
    rig.jack().kill();
    const auto notice = [&] { return app.window().statusPanel()->noticeText().toStdString(); };
    const bool noticed = waitUntil(
        [&] { return notice().find("The audio output stopped") != std::string::npos; }, 10);
    const double seen = now() - t0;
    const std::string message = notice();
    std::string midiStatusAfterKill;
    if (jackMidi) {
        waitUntil([&] { return panel.statusText().contains("the server stopped"); }, 5);
        midiStatusAfterKill = panel.statusText().toStdString();
    }
    r.check(noticed, fault + ": the window says the output stopped and why", message);
    const bool reopened =
        waitUntil([&] { return app.studio().snapshot().running && voicePlays(app); }, 30);
    const double fellBack = now() - t0;
    const std::string fallback = app.studio().audioStatus().stream.backend;
    r.check(reopened, fault + ": the engine runs again (on the fallback) with the voice",
            "on '" + fallback + "'");

    const double t1 = now();
    if (!r.check(rig.jack().restart().empty(), fault + ": jackd starts again")) return;
    const double serverBack = now() - t1;
    double midiBackAfter = -1; // the MIDI panel reopens JACK MIDI on its own poll
    const auto midiOpen = [&] {
        return panel.openedPorts().contains("Govox (virtual)") && panel.errorText().isEmpty();
    };
    if (jackMidi && waitUntil(midiOpen, 5)) midiBackAfter = now() - t1;
    // The window goes back to the output the user chose by itself once it is listed again.
    const bool backOnJack = waitUntil(
        [&] { return app.studio().audioStatus().stream.backend == "jack" && voicePlays(app); }, 15);
    const std::string said = app.window().statusBar()->currentMessage().toStdString();
    r.check(backOnJack, fault + ": Govox goes back to JACK by itself and reopens the voice",
            "on '" + app.studio().audioStatus().stream.backend + "'");
    r.check(said.find("JACK is back") != std::string::npos,
            fault + ": the status bar says it is back on JACK", said);
    const double onJack = now() - t1;
    const std::uint64_t callbacks = app.studio().snapshot().callbacks;
    const bool runs =
        waitUntil([&] { return app.studio().snapshot().callbacks > callbacks + 375; }, 3);
    check(runs, "the new JACK stream runs (a second of callbacks)", // the count after the wait
          std::to_string(app.studio().snapshot().callbacks - callbacks) + " callbacks");
    std::string why = rig.makeEars();
    check(why.empty(), "Govox's outputs are on the new server", why);
    for (int n : kChord) app.studio().noteOn(n, 100);
    const double heard = why.empty() ? rig.heardAfter(rig.ears().frames(), 3) : -1;
    check(heard > 0, "notes are heard through JACK again");
    std::string midiSaid;
    if (jackMidi) {
        midiSaid = midiStatusAfterKill; // what the MIDI panel said while the server was away
        r.check(midiSaid.find("the server stopped") != std::string::npos,
                fault + ": the MIDI panel says the JACK server stopped", midiSaid);
        const bool midiBack =
            midiBackAfter >= 0 && why.empty() && waitUntil([&] { return ownMidiPort(rig); }, 5);
        r.check(midiBack, fault + ": Govox's MIDI port 'Govox' is back on the new server by itself",
                panel.statusText().toStdString());
    }
    for (int n : kChord) app.studio().noteOff(n);
    panel.setApi(
        midi::MidiApi::Jack); // with ALSA before: MIDI through JACK on the new server works too
    why = rig.makeKeys();
    r.check(why.empty() && waitUntil([&] { return ownMidiPort(rig) && rig.keys().connected(); }, 5),
            fault + ": the MIDI panel opens JACK MIDI on the new server",
            why + panel.statusText().toStdString());
    rig.keys().play(SoakKeyboard::Mode::Sequence, 32);
    r.check(rig.heardAfter(rig.ears().frames(), 5) > 0,
            fault + ": notes from a JACK keyboard are heard");
    r.fault(
        {fault, message + (jackMidi ? "; the MIDI panel: \"" + midiSaid + "\"" : std::string{}),
         "said after " + ms(seen) + "; playing on '" + fallback + "' after " + ms(fellBack) +
             "; back on JACK by itself " + ms(onJack) + " after the server (which took " +
             ms(serverBack) + " to start; the window looks every 2 s); heard " + ms(heard - t1) +
             " after it",
         std::string("none in Govox (the voice reopens with its parameter values); the notes "
                     "sounding at the crash end") +
             (jackMidi ? "; JACK MIDI reopened by itself " + ms(midiBackAfter) +
                             " after the server (the panel's poll), a JACK keyboard's notes heard"
                       : std::string{})});
}

} // namespace govox::soak
