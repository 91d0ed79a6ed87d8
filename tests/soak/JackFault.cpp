// The JACK server dies (SIGKILL, no goodbye) while Govox plays, and comes back. The window
// notices the dead stream and reopens audio, falling back as at start-up; once the server
// is back the user applies the audio settings again (the Audio dialog's Apply:
// startWithFallback) and plays.
//
// Twice, because what else Govox has open on the server decides the outcome:
// - MIDI through ALSA (what the MIDI panel picks where an ALSA sequencer exists): Govox
//   has no JACK client but its audio stream. Everything must recover.
// - MIDI through JACK: RtMidi's clients of the dead server stay open (RtMidi registers
//   no shutdown callback and libjack crashes closing them), and libjack's process-wide
//   state then spoils the clients opened on the new server. Known issue, reported in
//   docs/reliability.md; govox_soak runs this one in a child process (see main) because
//   the app may crash.
#include "Phases.hpp"
#include "Waiting.hpp"
#include "ui/AudioStart.hpp"
#include "ui/MidiPanel.hpp"
#include "ui/StatusPanel.hpp"

#include <cstdio>

namespace govox::soak {
namespace {

constexpr int kChord[] = {60, 64, 67};

bool voicePlays(SoakApp& app) {
    return app.studio().voice() != nullptr && !app.studio().opening();
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
    // Checks that fail today with JACK MIDI open are known issues in that variant.
    const auto expect = [&](bool ok, const std::string& what, const std::string& detail = {}) {
        return jackMidi ? r.known(ok, fault + ": " + what, detail)
                        : r.check(ok, fault + ": " + what, detail);
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
    r.check(noticed, fault + ": the window says the output stopped and why", message);
    const bool reopened =
        waitUntil([&] { return app.studio().snapshot().running && voicePlays(app); }, 30);
    const double fellBack = now() - t0;
    const std::string fallback = app.studio().audioStatus().stream.backend;
    r.check(reopened, fault + ": the engine runs again (on the fallback) with the voice",
            "on '" + fallback + "'");

    const double t1 = now();
    if (!r.check(rig.jack().start().empty(), fault + ": jackd starts again")) return;
    const double serverBack = now() - t1;
    const ui::StartResult back = ui::startWithFallback(app.studio(), app.audioSettings());
    r.check(back.playing && app.studio().audioStatus().stream.backend == "jack",
            fault + ": applying the audio settings plays through JACK again",
            back.notice.toStdString());
    r.check(waitUntil([&] { return voicePlays(app); }, 60),
            fault + ": the voice is reopened on the new stream");
    const double onJack = now() - t1;
    const std::uint64_t callbacks = app.studio().snapshot().callbacks;
    expect(waitUntil([&] { return app.studio().snapshot().callbacks > callbacks + 375; }, 3),
           "the new JACK stream runs (a second of callbacks)",
           std::to_string(app.studio().snapshot().callbacks - callbacks) + " callbacks in 3 s");
    std::string why = rig.makeEars();
    expect(why.empty(), "Govox's outputs are on the new server", why);
    for (int n : kChord) app.studio().noteOn(n, 100);
    const double heard = why.empty() ? rig.heardAfter(rig.ears().frames(), 3) : -1;
    expect(heard > 0, "notes are heard through JACK again");
    if (jackMidi) {
        const bool midiBack = why.empty() && waitUntil([&] { return ownMidiPort(rig); }, 3);
        expect(midiBack, "Govox's MIDI port 'Govox' is back on the new server");
        r.fault({fault, message,
                 "said after " + ms(seen) + "; playing on '" + fallback + "' after " +
                     ms(fellBack) +
                     "; the user applies the audio settings once the server is back: the status "
                     "says JACK, " +
                     (heard > 0 ? "notes heard" : "but nothing is heard") +
                     (midiBack ? "" : ", and the MIDI port 'Govox' is missing"),
                 "MIDI and sound through JACK until Govox is restarted; Govox may crash when it "
                 "closes MIDI"});
        return; // what follows would close RtMidi's clients of the dead server: a crash
    }
    for (int n : kChord) app.studio().noteOff(n);
    panel.setApi(midi::MidiApi::Jack); // MIDI through JACK on the new server works too
    why = rig.makeKeys();
    r.check(why.empty() && waitUntil([&] { return ownMidiPort(rig) && rig.keys().connected(); }, 5),
            fault + ": the MIDI panel opens JACK MIDI on the new server",
            why + panel.statusText().toStdString());
    rig.keys().play(SoakKeyboard::Mode::Sequence, 32);
    r.check(rig.heardAfter(rig.ears().frames(), 5) > 0,
            fault + ": notes from a JACK keyboard are heard");
    r.fault({fault, message,
             "said after " + ms(seen) + "; playing on '" + fallback + "' after " + ms(fellBack) +
                 "; back on JACK " + ms(onJack) + " after the server (which took " +
                 ms(serverBack) + " to start) when the user applies the audio settings; heard " +
                 ms(heard - t1) + " after it",
             "none in Govox (the voice reopens with its parameter values); the notes sounding at "
             "the crash end"});
}

} // namespace govox::soak
