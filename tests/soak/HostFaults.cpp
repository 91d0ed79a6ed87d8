// Faults of the voice host while the sequence plays: killed, stopped, stuck in Render (the
// SDK ends its host), its ring indices overwritten. Each is timed from the moment of the
// fault: until the app says so, until the voice runs again, and the silence it caused.
#include "HostScribbler.hpp"
#include "Phases.hpp"
#include "Waiting.hpp"
#include "ui/window/CrashBanner.hpp"

#include <cmath>
#include <csignal>
#include <functional>

namespace govox::soak {
namespace {

using Kind = session::SessionEventKind;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

// A host that must crash (or be judged hung) and be restarted.
void crashAndRestart(SoakRig& rig, const std::string& fault, const std::string& expected,
                     const std::function<void(pid_t)>& inject) {
    Report& r = rig.report();
    SoakApp& app = rig.app();
    rig.keys().play(SoakKeyboard::Mode::Sequence, 32);
    rig.heardAfter(rig.ears().frames(), 5);
    app.studio().setParam("Cutoff", 2345); // a value the restart must keep
    const pid_t pid = app.hostPid();
    const std::size_t from = app.events().size();
    const int stopped0 = app.stoppedSnapshots();
    rig.ears().resetGap();
    const double t0 = now();
    inject(pid);
    const auto crashed = app.waitEvent(from, {Kind::Crashed, Kind::GaveUp}, 10);
    const double seen = now() - t0;
    const std::string banner = app.window().crashBanner()->message().toStdString();
    const std::string message = crashed ? crashed->event.message : std::string("(nothing)");
    r.check(crashed && crashed->event.kind == Kind::Crashed && contains(message, "voice 'pad'") &&
                contains(message, expected),
            fault + ": a message names the voice and the cause", message);
    r.check(contains(banner, expected), fault + ": the window's banner says so", banner);
    const auto restarted = app.waitEvent(from, {Kind::Restarted, Kind::GaveUp}, 15);
    const double back = now() - t0;
    r.check(restarted && restarted->event.kind == Kind::Restarted,
            fault + ": the voice host is restarted",
            restarted ? restarted->event.message : "no restart within 15 s");
    const double heard = rig.heardAfter(rig.ears().frames(), 5);
    r.check(heard > 0, fault + ": the next notes are heard");
    r.check(app.hostPid() > 0 && app.hostPid() != pid && kill(pid, 0) != 0,
            fault + ": the old host is gone",
            "old " + std::to_string(pid) + ", now " + std::to_string(app.hostPid()));
    r.check(app.stoppedSnapshots() == stopped0, fault + ": the audio stream kept running");
    r.check(std::abs(app.studio().paramValue("Cutoff") - 2345) < 0.5,
            fault + ": parameter values kept");
    r.fault({fault, message,
             "reported after " + ms(seen) + ", host restarted after " + ms(back) +
                 ", notes heard again after " + ms(heard - t0) + " (silence " +
                 ms(rig.ears().longestGapSeconds()) + ")",
             "none: the app and its other state live on; parameter values kept; the notes sounding "
             "at the "
             "crash end (a restart does not replay them: one may be what crashed it)"});
}

void ringGarbage(SoakRig& rig) {
    Report& r = rig.report();
    SoakApp& app = rig.app();
    const std::string fault = "ring indices overwritten with garbage";
    rig.keys().play(SoakKeyboard::Mode::Sequence, 32);
    rig.heardAfter(rig.ears().frames(), 5);
    const pid_t pid = app.hostPid();
    const std::size_t from = app.events().size();
    const std::uint64_t c0 = app.totals().corruptions;
    rig.ears().resetGap();
    const double t0 = now();
    std::string error;
    const int hit = scribbleRingIndices(pid, error);
    if (!r.check(hit > 0, fault + ": garbage written into sounding voices' indices", error)) return;
    const auto reported = app.waitEvent(from, {Kind::Fault}, 5);
    const double seen = now() - t0;
    const std::string message = reported ? reported->event.message : std::string("(nothing)");
    r.check(reported && contains(message, "voice 'pad'") &&
                contains(message, "impossible ring indices"),
            fault + ": a message names the voice and the cause", message);
    // Every hit voice is stopped once; a slot left broken would go on counting with the
    // notes that land in it later.
    play(1.0);
    const std::uint64_t c1 = app.totals().corruptions;
    play(3.0);
    const std::uint64_t c2 = app.totals().corruptions;
    r.check(c1 > c0 && c2 == c1, fault + ": each hit voice stopped once, the slots play again",
            std::to_string(hit) + " voices hit, corruptions counted " + std::to_string(c1 - c0) +
                ", then " + std::to_string(c2 - c1) + " more");
    r.check(app.hostPid() == pid, fault + ": the host plays on (no restart needed)");
    const double gap = rig.ears().longestGapSeconds();
    r.check(gap < 0.5, fault + ": sound continues (the next notes play)",
            "longest silence " + ms(gap));
    // Every slot plays again, the hit ones included: 32 notes at once take all 32, and
    // none may sit without sound (a ring left without room would show as an underrun).
    rig.keys().play(SoakKeyboard::Mode::Quiet);
    rig.silentFor(0.3, 8);
    for (int n = 0; n < 32; ++n) app.studio().noteOn(40 + n, 100);
    const auto allPlay = [&] {
        int active = 0;
        for (const ui::SlotView& v : app.studio().snapshot().voiceSlots)
            active += v.state == ui::SlotState::Active ? 1 : 0;
        return active == 32;
    };
    const bool everySlot = waitUntil(allPlay, 3);
    int underrunning = 0;
    for (const ui::SlotView& v : app.studio().snapshot().voiceSlots)
        underrunning += v.state == ui::SlotState::Underrun ? 1 : 0;
    for (int n = 0; n < 32; ++n) app.studio().noteOff(40 + n);
    r.check(everySlot, fault + ": afterwards all 32 slots play at once, the hit ones too",
            std::to_string(underrunning) + " slots without sound");
    rig.silentFor(0.3, 8);
    r.fault({fault, message,
             "reported after " + ms(seen) + "; " + std::to_string(hit) +
                 " voices silenced, the next notes play" + " (longest silence " + ms(gap) + ")",
             "none: the hit notes are cut (faded); nothing else"});
}

} // namespace

void runHostFaults(SoakRig& rig) {
    std::printf("=== voice host faults while the sequence plays\n");
    crashAndRestart(rig, "voice host killed (SIGKILL)", "killed by signal 9",
                    [](pid_t p) { kill(p, SIGKILL); });
    crashAndRestart(rig, "voice host stopped (SIGSTOP)", "stopped responding",
                    [](pid_t p) { kill(p, SIGSTOP); });
    // Note 1 makes the soak's pad loop inside Render: the SDK ends its host.
    crashAndRestart(rig, "a voice stuck in Render", "has been inside RenderStereo for", [&](pid_t) {
        rig.keys().send({0x90, 1, 100});
        rig.keys().send({0x80, 1, 0});
    });
    ringGarbage(rig);
}

} // namespace govox::soak
