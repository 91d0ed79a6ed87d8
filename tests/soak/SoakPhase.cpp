// The soak proper: the sequence plays for the whole run while the voice is edited and
// saved every 5 s; what could leak is sampled every 2 s.
#include "Phases.hpp"
#include "Waiting.hpp"

#include "tests/support/load/MachineLoad.hpp"

#include <algorithm>
#include <thread>

namespace govox::soak {

using Kind = session::SessionEventKind;

OtherLoad::OtherLoad()
    : machine0_(bench::machineBusySeconds()), ours0_(ourCpuSeconds()), wall0_(now()) {}

double OtherLoad::percent() const {
    const double others = (bench::machineBusySeconds() - machine0_) - (ourCpuSeconds() - ours0_);
    const double cores = std::max(1u, std::thread::hardware_concurrency());
    return std::max(0.0, 100.0 * others / (now() - wall0_) / cores);
}

namespace {

struct Reloads {
    int requested = 0, done = 0, failed = 0, wrongBuild = 0, unexpected = 0;
    std::vector<std::string> quality; // the engine's quality changes, as said
    std::vector<double> heardMs;      // save to the new build heard
};

std::string kib(long kb) {
    return std::to_string(kb) + " KiB";
}

std::string spanText(const Trend::Span& s) {
    return std::to_string(s.start) + " / " + std::to_string(s.end) + " / " + std::to_string(s.max);
}

// Takes the events since `seen`: reloads done or failed, anything else unexpected.
void takeEvents(SoakRig& rig, std::size_t& seen, Reloads& r, bool& pending) {
    const auto& events = rig.app().events();
    for (; seen < events.size(); ++seen) {
        const session::SessionEvent& e = events[seen].event;
        if (e.kind == Kind::Reloaded) {
            ++r.done;
            pending = false;
            r.heardMs.push_back(e.timings.firstSampleMs);
        } else if (e.kind == Kind::ReloadFailed) {
            ++r.failed;
            pending = false;
            rig.report().check(false, "a reload failed", e.message);
        } else if (e.kind == Kind::Quality) { // steering, not a fault: shown as a figure
            r.quality.push_back(fixed(events[seen].at, 1) + " s " + e.message);
        } else if (e.kind != Kind::Notice) {
            ++r.unexpected;
            rig.report().check(false, "no crash or fault while soaking",
                               std::string(session::kindName(e.kind)) + " at " +
                                   fixed(events[seen].at, 1) + " s: " + e.message);
        }
    }
}

void checkResources(SoakRig& rig, const Trend& trend, double warmup) {
    Report& r = rig.report();
    const auto rss = trend.span(&ProcessSample::rssKb, warmup);
    const auto hostRss = trend.span(&ProcessSample::hostRssKb, warmup);
    const auto fds = trend.span(&ProcessSample::fds, warmup);
    const auto threads = trend.span(&ProcessSample::threads, warmup);
    const auto regions = trend.span(&ProcessSample::regions, warmup);
    const auto hosts = trend.span(&ProcessSample::hosts, warmup);
    const auto zombies = trend.span(&ProcessSample::zombies, 0);
    r.figure("app resident memory after warm-up (start / end / max)",
             kib(rss.start) + " / " + kib(rss.end) + " / " + kib(rss.max));
    r.figure("voice host resident memory (start / end / max)",
             kib(hostRss.start) + " / " + kib(hostRss.end) + " / " + kib(hostRss.max));
    r.figure("open descriptors (start / end / max)", spanText(fds));
    r.figure("threads (start / end / max)", spanText(threads));
    r.figure("voice regions mapped (start / end / max)", spanText(regions));
    r.figure("voice host processes (start / end / max)", spanText(hosts));
    // Bounds: growth that a leak per reload would pass within a few minutes.
    r.check(rss.end - rss.start <= 10 * 1024,
            "resident memory stable after warm-up (grew <= 10 MiB)",
            "grew " + kib(rss.end - rss.start));
    r.check(fds.end <= fds.start + 2 && fds.max <= fds.start + 12, "descriptors stable",
            spanText(fds) + " (start / end / max)");
    r.check(threads.end <= threads.start + 2, "threads stable", spanText(threads));
    r.check(regions.end <= 2 && regions.max <= 3, "no voice region left mapped", spanText(regions));
    r.check(hosts.end == 1 && hosts.max <= 2, "one voice host (two during a swap)",
            spanText(hosts));
    r.check(zombies.end == 0 && zombies.max <= 1, "no zombie processes", spanText(zombies));
}

void checkReloads(SoakRig& rig, const Reloads& rl, int generation) {
    Report& r = rig.report();
    std::vector<double> heard = rl.heardMs;
    std::sort(heard.begin(), heard.end());
    const double p50 = heard.empty() ? 0 : heard[heard.size() / 2];
    const double worst = heard.empty() ? 0 : heard.back();
    r.figure("reloads requested / done / failed / lost",
             std::to_string(rl.requested) + " / " + std::to_string(rl.done) + " / " +
                 std::to_string(rl.failed) + " / " +
                 std::to_string(rl.requested - rl.done - rl.failed));
    std::string quality = std::to_string(rl.quality.size());
    for (std::size_t i = 0; i < rl.quality.size() && i < 4; ++i) quality += "; " + rl.quality[i];
    r.figure("quality changes the engine asked for", quality);
    r.figure("reload heard after the save (p50 / max)",
             fixed(p50, 0) + " ms / " + fixed(worst, 0) + " ms");
    r.check(rl.requested > 0 && rl.done == rl.requested, "zero lost reloads",
            std::to_string(rl.done) + " of " + std::to_string(rl.requested) + " done");
    r.check(rl.wrongBuild == 0, "each reload plays the build just saved",
            std::to_string(rl.wrongBuild) + " played another");
    r.check(rig.app().detuneMax() == float(100 + generation), "the last save is what plays",
            "Detune max " + fixed(rig.app().detuneMax(), 0) + ", saved " +
                std::to_string(100 + generation));
}

// A late cycle that caught a Govox client running is Govox's, unless the machine is to
// blame: Govox's callback, timed from inside, never took half the period (its own work
// cannot have made the cycle late); or the soak's idle clients, caught running as often,
// show how often the machine takes the CPU mid-cycle (a VM's vCPU stolen, other work):
// Govox's clients may be caught at most once more than the soak's, as a single late cycle
// proves nothing either way.
// Cycles the driver itself woke late for are the whole machine stalling and blame nobody
// (JackXruns.hpp); they are shown as a figure.
void checkXruns(SoakRig& rig, const backend::test::XrunReports& x0,
                const backend::test::XrunReports& x1, std::uint64_t backend) {
    Report& r = rig.report();
    const int govox = x1.govoxRunning - x0.govoxRunning, soak = x1.soakRunning - x0.soakRunning;
    r.figure("late JACK cycles during the soak (all / driver late / a Govox client caught running "
             "in a stall / in an on-time cycle / a soak client caught running / Govox's backend "
             "counted)",
             std::to_string(x1.total - x0.total) + " / " +
                 std::to_string(x1.driverLate - x0.driverLate) + " / " +
                 std::to_string(x1.govoxInStall - x0.govoxInStall) + " / " + std::to_string(govox) +
                 " / " + std::to_string(soak) + " / " + std::to_string(backend));
    r.figure("longest audio callback during the soak",
             fixed(100 * rig.app().callbackMax(), 1) + " % of the period");
    std::string named;
    for (std::size_t i = x0.govoxCycles.size(); i < x1.govoxCycles.size(); ++i)
        named += " [" + x1.govoxCycles[i] + "]";
    // Govox's own work made no cycle late if its longest callback (timed inside it, from
    // entry to exit, a stolen CPU included) stayed under half the period: a client caught
    // running then was caught before or after its callback, where every client's thread
    // is as exposed to a stall. The idle clients cannot show that: their callbacks last
    // microseconds, Govox's a few per cent of the period, so a stalling VM catches Govox
    // more often for that alone.
    const double longest = rig.app().callbackMax();
    r.check(govox <= soak + 1 || longest < 0.5,
            "zero xruns attributable to Govox (its callback never near the deadline, or its "
            "clients late no more often than idle ones)",
            std::to_string(govox) + " cycles caught a Govox client running, " +
                std::to_string(soak) + " a soak client; longest callback " +
                fixed(100 * longest, 1) + " % of the period" + named);
}

} // namespace

void runSoak(SoakRig& rig, double seconds) {
    Report& r = rig.report();
    SoakApp& app = rig.app();
    std::printf("=== soak: %.0f s, the sequence (up to 32 voices), a save every 5 s\n", seconds);
    rig.keys().play(SoakKeyboard::Mode::Sequence, 32);
    if (!r.check(rig.heardAfter(rig.ears().frames(), 5) > 0, "the sequence is heard")) return;
    rig.ears().resetGap();
    const double t0 = now(), warmup = std::clamp(seconds / 5, 10.0, 60.0);
    const EngineTotals e0 = app.totals();
    const backend::test::XrunReports x0 = rig.xruns();
    const int stopped0 = app.stoppedSnapshots();
    app.resetCallbackFigures();
    const OtherLoad others;
    Trend trend;
    Reloads rl;
    std::size_t seen = app.events().size();
    int generation = 0;
    bool pending = false;
    double savedAt = 0, nextSave = t0 + 5, nextSample = t0;
    while (now() - t0 < seconds || pending) {
        takeEvents(rig, seen, rl, pending);
        if (pending && now() - savedAt > 60) break; // a reload that never came: lost
        if (!pending && now() >= nextSave && now() - t0 < seconds) {
            // Each reload must have finished before the next save, so that none can be
            // folded into a later one: a slow build delays the next save instead.
            if (generation > 0 && app.detuneMax() != float(100 + generation)) ++rl.wrongBuild;
            if (!r.check(app.save(++generation).empty(), "the voice saves")) break;
            ++rl.requested;
            pending = true;
            savedAt = now();
            nextSave = savedAt + 5;
        }
        if (now() >= nextSample) {
            trend.add(sampleProcess(now() - t0));
            nextSample += 2;
        }
        play(0.01);
    }
    const double gap = rig.ears().longestGapSeconds();
    trend.add(sampleProcess(now() - t0));
    const EngineTotals e1 = app.totals();
    const backend::test::XrunReports x1 = rig.xruns();
    checkReloads(rig, rl, generation);
    checkResources(rig, trend, warmup);
    r.figure("soak length", fixed(now() - t0, 0) + " s (resources judged after a " +
                                fixed(warmup, 0) + " s warm-up)");
    const double busy = others.percent();
    checkXruns(rig, x0, x1, e1.xruns - e0.xruns);
    r.figure("underruns during the soak", std::to_string(e1.underruns - e0.underruns));
    r.figure("longest silence while the sequence played", ms(gap));
    r.figure("CPU taken by other work during the soak", fixed(busy, 0) + " % of the machine");
    r.check(app.stoppedSnapshots() == stopped0, "the audio stream never stopped");
    r.check(gap < 0.1, "no dropout (silence < 100 ms) through the reloads", "longest " + ms(gap));
}

} // namespace govox::soak
