// rollback_bench - what rollback costs (issue 12): 32 notes playing live at a 1024-frame
// ring while a knob is swept by 100 parameter changes a second, each scheduled one buffer
// ahead as the app schedules a knob's, so that every note renders again from a saved state
// for every change. The same run with rollback off (GOVOX_ROLLBACK=off in the voice host's
// environment: the changes wait behind the ring) is the reference, measured in the same
// process, alternating, --rounds times each.
//
// Voices: the pad (go-plugins/internal/testvoices/padpoly, Cutoff swept 400..4000 Hz) and
// GC torture (go-plugins/voices/gctorture, Vibrato swept 0..1: 24 MiB/s of garbage per
// note on top). Prints, per run: the voice host's CPU (user + system over the window, in
// % of one core), its ratio to the same voice without rollback, underruns, rewrites per
// second, and how many frames the host rendered per frame played (1.0 without rollback).
// The targets: CPU with rollback at most 1.5x, 0 underruns.
//
// --quick: 4 notes for 2 s, one round (the CTest smoke test; fails only if the voices do
// not play or rollback never happens). --seconds S (default 20), --rounds N (default 2),
// --voice pad|gctorture (default both).
#include "tests/bench/GoVoices.hpp"
#include "tests/bench/LiveRig.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

namespace {

using govox::bench::LiveRig;
using govox::bench::RigSnapshot;

constexpr std::uint32_t kRate = 48000, kBlock = 128;
constexpr std::uint32_t kRingTarget = 1024, kRingCapacity = 2048;
constexpr double kChangesPerSecond = 100;

struct Sweep {
    const char* name;
    const char* voiceDir;
    std::uint32_t param; // index of the swept parameter
    float low, high;
};

struct Run {
    std::string problem;
    double cpuPercent = 0, renderFactor = 0, rewritesPerSecond = 0;
    std::uint64_t underruns = 0;
};

// The knob: a triangle between low and high, once every two seconds.
float knob(const Sweep& s, double t) {
    const double phase = std::fmod(t / 2.0, 1.0);
    const double tri = phase < 0.5 ? 2 * phase : 2 - 2 * phase;
    return static_cast<float>(s.low + (s.high - s.low) * tri);
}

Run play(const Sweep& sweep, bool rollback, std::uint32_t notes, double warmup, double seconds) {
    Run run;
    const auto built = govox::bench::buildGoVoice(sweep.voiceDir);
    if (built.library.empty()) return {built.error};
    if (rollback)
        unsetenv("GOVOX_ROLLBACK");
    else
        setenv("GOVOX_ROLLBACK", "off", 1); // the voice host inherits it
    govox::bench::LiveRigConfig config{.name = sweep.voiceDir,
                                       .library = built.library,
                                       .region = {.voiceCount = 64,
                                                  .ringCapacityFrames = kRingCapacity,
                                                  .ringTargetFrames = kRingTarget,
                                                  .sampleRate = kRate,
                                                  .maxBlockFrames = kBlock}};
    std::string error;
    auto rig = LiveRig::start(config, error);
    unsetenv("GOVOX_ROLLBACK");
    if (!rig) return {error};
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    for (std::uint32_t i = 0; i < notes; ++i)
        if (!rig->noteOn(0, static_cast<std::uint8_t>(40 + i), 100))
            return {"the event queue is full"};
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    RigSnapshot begin{}, end{};
    bool measuring = false;
    for (std::uint64_t k = 0;; ++k) {
        const double due = static_cast<double>(k) / kChangesPerSecond;
        std::this_thread::sleep_until(start + std::chrono::duration<double>(due));
        if (!measuring && due >= warmup) {
            begin = rig->snapshot();
            measuring = true;
        }
        if (due >= warmup + seconds) break;
        rig->setParam(sweep.param, knob(sweep, elapsed()));
        if (k % 10 == 0) run.problem = rig->hostProblem();
        if (!run.problem.empty()) return run;
    }
    end = rig->snapshot();
    const double wall = end.seconds - begin.seconds;
    run.cpuPercent = 100 * (end.hostCpuSeconds - begin.hostCpuSeconds) / wall;
    run.underruns = end.underruns - begin.underruns;
    run.rewritesPerSecond = double(end.rewrites - begin.rewrites) / wall;
    run.renderFactor =
        double(end.framesRendered - begin.framesRendered) / (wall * kRate * double(notes));
    if (end.soundingVoices < notes)
        run.problem = "only " + std::to_string(end.soundingVoices) + " of " +
                      std::to_string(notes) + " notes sounded";
    return run;
}

} // namespace

int main(int argc, char** argv) {
    bool quick = false;
    double seconds = 20;
    int rounds = 2;
    std::string only; // one voice, or both
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--quick") == 0) {
            quick = true;
        } else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            seconds = std::atof(argv[++i]);
        } else if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
            rounds = std::atoi(argv[++i]);
        } else if (std::strcmp(argv[i], "--voice") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else {
            std::fprintf(stderr, "usage: rollback_bench [--quick] [--seconds S] [--rounds N] "
                                 "[--voice pad|gctorture]\n");
            return 2;
        }
    }
    const std::uint32_t notes = quick ? 4 : 32;
    const double warmup = quick ? 1 : 3;
    if (quick) seconds = 2, rounds = 1;
    const Sweep sweeps[] = {{"pad", "internal/testvoices/padpoly", 0, 400, 4000},
                            {"gctorture", "voices/gctorture", 1, 0, 1}};
    std::printf("48 kHz, %u-frame buffers, ring target %u frames, %u notes, a knob swept by "
                "%.0f changes/s; warm-up %.0f s, then %.0f s measured; %d round(s)\n",
                kBlock, kRingTarget, notes, kChangesPerSecond, warmup, seconds, rounds);
    std::printf("%-10s %-9s %9s %9s %10s %11s %14s\n", "voice", "rollback", "host CPU", "x of off",
                "underruns", "rewrites/s", "frames/played");
    int status = 0;
    for (const Sweep& sweep : sweeps) {
        if (!only.empty() && only != sweep.name) continue;
        for (int round = 0; round < rounds; ++round) {
            const Run off = play(sweep, false, notes, warmup, seconds);
            const Run on = play(sweep, true, notes, warmup, seconds);
            for (const Run* r : {&off, &on}) {
                if (!r->problem.empty()) {
                    std::printf("%-10s %-9s failed: %s\n", sweep.name, r == &on ? "on" : "off",
                                r->problem.c_str());
                    status = 1;
                    continue;
                }
                std::printf("%-10s %-9s %8.1f%% %9.2f %10llu %11.0f %14.2f\n", sweep.name,
                            r == &on ? "on" : "off", r->cpuPercent, r->cpuPercent / off.cpuPercent,
                            static_cast<unsigned long long>(r->underruns), r->rewritesPerSecond,
                            r->renderFactor);
            }
            if (on.problem.empty() && on.rewritesPerSecond == 0) {
                std::printf("%s: no rollback happened\n", sweep.name);
                status = 1;
            }
        }
    }
    return status;
}
