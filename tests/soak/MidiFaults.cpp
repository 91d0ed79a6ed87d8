// MIDI faults: the keyboard's JACK port vanishing (with notes down) and coming back, a
// flood of 10,000 events a second, and malformed SysEx and bytes out of order.
#include "Phases.hpp"
#include "Waiting.hpp"
#include "ui/keyboard/MidiPanel.hpp"

#include <cstdio>

namespace govox::soak {
namespace {

using Kind = session::SessionEventKind;

bool opened(SoakRig& rig, const std::string& port) {
    return rig.app().window().midiPanel()->openedPorts().contains(QString::fromStdString(port));
}

bool anyCrash(SoakRig& rig, std::size_t from) {
    for (std::size_t i = from; i < rig.app().events().size(); ++i)
        if (rig.app().events()[i].event.kind == Kind::Crashed) return true;
    return false;
}

// Quiet keyboard, and Govox silent for 0.3 s (the pad's release is 1.2 s).
bool quietNow(SoakRig& rig) {
    rig.keys().play(SoakKeyboard::Mode::Quiet);
    const bool quiet = rig.silentFor(0.3, 8) > 0;
    if (!quiet)
        std::printf("still sounding: peak %.5f, %zu notes held\n",
                    double(rig.ears().lastLoudPeak()),
                    rig.app().studio().snapshot().heldNotes.count());
    return quiet;
}

void portVanishes(SoakRig& rig) {
    Report& r = rig.report();
    SoakApp& app = rig.app();
    ui::MidiPanel& panel = *app.window().midiPanel();
    const std::string fault = "MIDI keyboard's port vanishes (notes down) and comes back";
    constexpr int kOnScreen = 72; // above the keyboard's chord (48-62): held throughout
    rig.keys().play(SoakKeyboard::Mode::Chord, 8); // notes that stay down until released
    r.check(waitUntil([&] { return app.studio().snapshot().heldNotes.count() == 8; }, 5),
            fault + ": Govox holds the keyboard's 8 notes");
    app.studio().noteOn(kOnScreen, 100); // the on-screen keyboard: must play on
    const std::string port = rig.keys().portName();
    const int down = rig.keys().held();
    play(0.5); // past the chord's attack
    const auto x0 = rig.xruns();
    rig.ears().resetGap();
    const double t0 = now();
    rig.dropKeys(); // the client closes without a note-off: a cable pulled mid-chord
    const bool released =
        waitUntil([&] { return app.studio().snapshot().heldNotes.count() == 1; }, 5);
    const double releasedAfter = now() - t0;
    const bool dropped = waitUntil([&] { return !opened(rig, port); }, 5);
    const double noticed = now() - t0;
    const std::string status = panel.statusText().toStdString();
    r.check(dropped, fault + ": the MIDI panel drops the port", status);
    const std::size_t stillHeld = app.studio().snapshot().heldNotes.count();
    r.check(released, fault + ": notes held on the vanished keyboard are released",
            std::to_string(down) + " notes were down; released after " + ms(releasedAfter) +
                ", Govox holds " + std::to_string(stillHeld) + " (the on-screen note)");
    play(2.0);
    const auto x1 = rig.xruns();
    r.check(rig.ears().longestGapSeconds() < 0.1,
            fault + ": the on-screen keyboard's note plays on without a dropout",
            "longest silence " + ms(rig.ears().longestGapSeconds()) + ", JACK xruns " +
                std::to_string(x1.total - x0.total));
    app.studio().noteOff(kOnScreen);
    if (!released) app.studio().panic(); // so that the checks that follow start silent
    r.check(rig.silentFor(0.3, 4) > 0, fault + ": silent once the on-screen note is released");
    const double t1 = now();
    r.check(rig.makeKeys().empty(), fault + ": the keyboard comes back");
    const bool followed = waitUntil([&] { return rig.keys().connected() && opened(rig, port); }, 5);
    const double back = now() - t1;
    r.check(followed, fault + ": Govox connects it again by itself",
            panel.statusText().toStdString());
    rig.keys().play(SoakKeyboard::Mode::Sequence, 32);
    const double heard = rig.heardAfter(rig.ears().frames(), 5);
    r.check(heard > 0, fault + ": its notes are heard again");
    r.fault({fault,
             "the MIDI panel's status goes from \"Govox + 1 input\" to \"" + status + "\" and back",
             "port dropped after " + ms(noticed) + "; followed again " + ms(back) +
                 " after it reappeared, notes heard " + ms(heard - t1) + " after",
             released ? "none: the " + std::to_string(down) +
                            " notes down when it vanished are released " + ms(releasedAfter) +
                            " after (then the pad's 1.2 s release), other notes play on"
                      : "none lost, but the " + std::to_string(down) +
                            " notes down when it vanished sound on until Panic"});
}

void flood(SoakRig& rig, double seconds) {
    Report& r = rig.report();
    SoakApp& app = rig.app();
    const std::string fault = "MIDI flood, 10,000 events/s for " + fixed(seconds, 0) + " s";
    r.check(quietNow(rig), fault + ": silent before");
    const double before = app.studio().snapshot().time; // counts from a snapshot taken now
    waitUntil([&] { return app.studio().snapshot().time > before; }, 1);
    const std::uint64_t m0 = app.studio().snapshot().midiMessages, s0 = rig.keys().events();
    const std::uint64_t u0 = app.totals().underruns;
    const std::size_t from = app.events().size();
    const int stopped0 = app.stoppedSnapshots();
    rig.keys().play(SoakKeyboard::Mode::Flood, 10000);
    play(seconds);
    rig.keys().play(SoakKeyboard::Mode::Quiet); // the flood's last note-offs
    const double t0 = now();
    waitUntil([&] { return rig.keys().idle(); }, 2);
    const std::uint64_t sent = rig.keys().events() - s0;
    const bool arrived =
        waitUntil([&] { return app.studio().snapshot().midiMessages - m0 >= sent; }, 5);
    const std::uint64_t got = app.studio().snapshot().midiMessages - m0;
    r.figure("MIDI flood: events sent / received by Govox",
             std::to_string(sent) + " / " + std::to_string(got) + " (" +
                 fixed(double(sent) / seconds, 0) + "/s)");
    r.figure("underruns during the flood", std::to_string(app.totals().underruns - u0));
    r.check(arrived && got == sent, fault + ": every event reached Govox",
            std::to_string(got) + " of " + std::to_string(sent));
    const double silent = rig.silentFor(0.3, 8);
    r.check(silent > 0, fault + ": no note stuck afterwards (silent once all are released)");
    r.check(!anyCrash(rig, from) && app.stoppedSnapshots() == stopped0,
            fault + ": no crash, the stream ran on");
    const double t1 = now();
    rig.keys().play(SoakKeyboard::Mode::Sequence, 32);
    const double heard = rig.heardAfter(rig.ears().frames(), 5);
    r.check(heard > 0, fault + ": notes play normally afterwards");
    r.fault({fault, "nothing: it plays what it is sent",
             "silent " + ms(silent - t0) +
                 " after the last note-off (the pad's 1.2 s release); next notes heard after " +
                 ms(heard - t1),
             "none: " + std::to_string(got) + " of " + std::to_string(sent) +
                 " events arrived, no stuck note"});
}

// Each one JACK MIDI event; none of them is a note.
const std::vector<std::vector<std::uint8_t>> kJunk = {
    {0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7}, // a well-formed SysEx (GM on): ignored
    {0xF7},                               // an end of SysEx with no start
    {0x90, 0x3C},                         // a note-on cut short
    {0x3C, 0x64},                         // data bytes without a status byte
    {0x90, 0x80, 0x40},                   // a status byte where data belongs
    {0x90, 0xF8, 0x3C, 0x64},             // a clock byte inside a note-on
    {0xF4},
    {0xF5, 0x01},
    {0xFF},
    {0x80}, // undefined, reset, a lone status
};

void malformed(SoakRig& rig) {
    Report& r = rig.report();
    SoakApp& app = rig.app();
    const std::string fault =
        "malformed MIDI: bytes out of order, unterminated and oversized SysEx";
    r.check(quietNow(rig), fault + ": silent before");
    const std::size_t from = app.events().size();
    const std::uint64_t mark = rig.ears().frames();
    for (const auto& bytes : kJunk) rig.keys().send(bytes);
    rig.keys().send({0xF0, 0x7E, 0x7F, 0x06, 0x01});         // a SysEx that never ends
    rig.keys().send({0xF0, 0x7D}, SoakKeyboard::kOversized); // as long as a port takes, unended
    waitUntil([&] { return rig.keys().idle(); }, 2);
    play(0.5); // what the junk could have started would sound by now
    const std::size_t held = app.studio().snapshot().heldNotes.count();
    r.check(!rig.ears().loudAfter(mark) && held == 0, fault + ": no note comes of it",
            (rig.ears().loudAfter(mark)
                 ? "heard a peak of " + fixed(rig.ears().lastLoudPeak(), 5) + " " +
                       fixed(double(rig.ears().lastLoud() - mark) / kRate, 3) + " s after"
                 : std::string("silent")) +
                ", " + std::to_string(held) + " notes held");
    // A note right after the unterminated SysEx: JACK delivers whole events, so nothing
    // carries over from one to the next.
    const double t0 = now();
    rig.keys().send({0x90, 64, 100});
    const double heard = rig.heardAfter(rig.ears().frames(), 1);
    r.check(heard > 0, fault + ": a note right after an unterminated SysEx is heard");
    rig.keys().send({0x80, 64, 0});
    r.check(rig.silentFor(0.3, 6) > 0, fault + ": and its note-off releases it");
    r.check(!anyCrash(rig, from) && app.studio().audioRunning(),
            fault + ": no crash, the stream ran on");
    r.fault({fault, "nothing (SysEx and broken messages are dropped)",
             heard > 0 ? "next note heard after " + ms(heard - t0) : "the next note was not heard",
             heard > 0 ? "none" : "the note after an unterminated SysEx"});
}

} // namespace

void runMidiFaults(SoakRig& rig, double floodSeconds) {
    std::printf("=== MIDI faults\n");
    portVanishes(rig);
    flood(rig, floodSeconds);
    malformed(rig);
    rig.keys().play(SoakKeyboard::Mode::Sequence, 32);
}

} // namespace govox::soak
