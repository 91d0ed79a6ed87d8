// Load: stress-ng keeps both cores busy (at normal priority, like a compile or a browser)
// while 16 notes play. Underruns and the callback's p99 are reported, not judged: how much
// a Go voice host at normal priority gets of a saturated machine is the machine's call.
// What is judged: the engine runs throughout and plays cleanly again once the load ends.
#include "Phases.hpp"
#include "Waiting.hpp"

#include <csignal>
#include <cstdio>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace govox::soak {
namespace {

// stress-ng --cpu 2 for `seconds`; -1 if it could not be started.
pid_t startStress(double seconds) {
    const std::string timeout = std::to_string(static_cast<int>(seconds)) + "s";
    const pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        execlp("stress-ng", "stress-ng", "--cpu", "2", "--timeout", timeout.c_str(), "--quiet",
               static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

} // namespace

void runLoad(SoakRig& rig, double seconds) {
    Report& r = rig.report();
    SoakApp& app = rig.app();
    std::printf("=== load: stress-ng --cpu 2 for %.0f s while 16 notes play\n", seconds);
    rig.keys().play(SoakKeyboard::Mode::Chord, 16);
    if (!r.check(rig.heardAfter(rig.ears().frames(), 5) > 0, "the chord is heard")) return;
    play(1.0); // past the pad's attack: the chord at full strength before the load
    // Struck while the sequence's notes still fade out: every note must find a slot.
    int sounding = 0;
    for (const ui::SlotView& v : app.studio().snapshot().voiceSlots)
        sounding += v.state == ui::SlotState::Active ? 1 : 0;
    r.check(sounding == 16, "all 16 notes of the chord sound",
            std::to_string(sounding) + " voices playing");
    const EngineTotals e0 = app.totals();
    const backend::test::XrunReports x0 = rig.xruns();
    const int stopped0 = app.stoppedSnapshots();
    app.resetCallbackFigures();
    const pid_t stress = startStress(seconds);
    int status = -1;
    const bool ended =
        waitUntil([&] { return waitpid(stress, &status, WNOHANG) == stress; }, seconds + 15);
    if (!ended) {
        kill(stress, SIGKILL);
        waitpid(stress, &status, 0);
    }
    const double p99 = app.callbackP99Max();
    const EngineTotals e1 = app.totals();
    const backend::test::XrunReports x1 = rig.xruns();
    if (!r.check(ended && WIFEXITED(status) && WEXITSTATUS(status) == 0, "stress-ng ran its course",
                 WIFEXITED(status) && WEXITSTATUS(status) == 127
                     ? "stress-ng is not installed (packaging/setup-debian.sh installs it)"
                     : "status " + std::to_string(status)))
        return;
    r.figure("underruns during the load (16 notes)", std::to_string(e1.underruns - e0.underruns));
    r.figure("callback p99 during the load (highest 1 s window)",
             fixed(100 * p99, 1) + " % of the period");
    r.figure(
        "late JACK cycles during the load (all / a Govox client caught running / a soak client)",
        std::to_string(x1.total - x0.total) + " / " +
            std::to_string(x1.govoxRunning - x0.govoxRunning) + " / " +
            std::to_string(x1.soakRunning - x0.soakRunning));
    r.check(app.stoppedSnapshots() == stopped0, "the engine kept running under the load");

    // Recovery: half a second after the load, five seconds without an underrun.
    play(0.5);
    const EngineTotals w0 = app.totals();
    const std::uint64_t mark = rig.ears().frames();
    rig.ears().resetGap();
    play(5.0);
    const EngineTotals w1 = app.totals();
    r.check(w1.underruns == w0.underruns, "no underrun in the 5 s after the load",
            std::to_string(w1.underruns - w0.underruns) + " underruns");
    r.check(rig.ears().loudAfter(mark) && rig.ears().longestGapSeconds() < 0.1,
            "the chord plays on after the load",
            "longest silence " + ms(rig.ears().longestGapSeconds()) + ", Govox holds " +
                std::to_string(app.studio().snapshot().heldNotes.count()) + " notes");
}

} // namespace govox::soak
