// voice_load_bench - real-time soaks of Go voices: a govox-voicehost rendering into the
// rings, the engine's Mixer playing them through a NullBackend at 48 kHz in 128-frame
// buffers (LiveRig). Not Google Benchmark: each run is one long, live measurement.
//
// --mode polyphony (issue 3, target 2: >= 64 voices): N pad voices held at once
//   (go-plugins/internal/testvoices/padpoly, the pad at polyphony 128) in a region of 128
//   slots, ring target 512 frames, capacity 2048, for each N of --voices; all N notes
//   start at once, and after a warm-up the run counts underruns over --seconds (default
//   30). The answer is the largest N with no underrun in that window, at that N and every
//   smaller one; the same counting the start as well is printed too.
// --mode gc (issue 3, target 3: no underrun at 1024 frames): 32 GC-torture voices
//   (go-plugins/voices/gctorture: 1 MiB of garbage per 2048 frames rendered, 24 MiB/s
//   per voice) at each ring target of --depths (capacity twice the target), --seconds (default 60)
//   each: underruns per minute and the GC pauses the host reports.
// --mode quality (issue 12, dynamic quality): N pad voices (padpoly) at a 1024-frame ring
//   under `stress-ng --cpu 2`, which the bench starts beside itself, three times per N:
//   with the quality hint fixed at HIGH (the best sound, always), fixed at NORMAL (the
//   voices' hint before the engine steered it) and steered by the engine
//   (audio::QualityProbe and QualityGovernor every 33 ms, as VoiceSession::poll does).
//   Prints the underruns of each and, steered, the time at each level.
// --quick: a few voices for a few seconds; fails only if the voices do not play (the
//   CTest smoke test). Other options: --voices 16,32,..  --depths 256,512,..  --seconds S
//   --warmup S (default 3).
//
// Underruns are blocks a voice's ring could not fill (the Mixer's count, summed over
// voices). Exit status 1 if a run could not be made or the voices did not play.
#include "tests/bench/GoVoices.hpp"
#include "tests/bench/LiveRig.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using govox::bench::LiveRig;
using govox::bench::RigSnapshot;

constexpr std::uint32_t kRate = 48000;
constexpr std::uint32_t kBlock = 128;

enum class Mode { Polyphony, Gc, Quality };

struct Options {
    Mode mode = Mode::Polyphony;
    bool quick = false;
    std::vector<std::uint32_t> voices{16, 32, 48, 64, 80, 96, 112, 128};
    std::vector<std::uint32_t> depths{256, 512, 1024, 2048};
    double seconds = 0; // 0: the mode's default
    double warmup = 3;
};

// One soak: which voice, how many notes, how deep the rings.
struct Plan {
    std::string voiceDir;
    std::uint32_t notes = 0, slots = 0, ringTarget = 0, ringCapacity = 0;
    double warmup = 0, seconds = 0;
    bool steer = false; // the engine steers the quality hint; otherwise it stays at `hint`
    govox_quality hint = GOVOX_QUALITY_NORMAL;
};

struct Result {
    std::string problem;            // non-empty: the run failed (host died, voices did not play)
    RigSnapshot noteOn, begin, end; // at the note-ons, and the measured window
    std::uint32_t minSounding = 0;
    std::uint64_t gcP99Max = 0, gcMaxMax = 0, heapMax = 0;
    double cbMeanUs = 0, cbP99Us = 0, cbMaxUs = 0;
    std::uint32_t looksAt[3] = {0, 0, 0}; // steered: looks (33 ms) at LOW, NORMAL, HIGH
    std::uint32_t hintChanges = 0;

    std::uint64_t startUnderruns() const { return begin.underruns - noteOn.underruns; }
    std::uint64_t windowUnderruns() const { return end.underruns - begin.underruns; }
    std::uint64_t underruns() const { return end.underruns - noteOn.underruns; }
    double window() const { return end.seconds - begin.seconds; }
    // Cores the host process used (100 % = one core), from its CPU time.
    double hostCpuPercent() const {
        return 100 * (end.hostCpuSeconds - begin.hostCpuSeconds) / window();
    }
    // CPU time other processes took meanwhile (100 % = one core): a busy machine.
    double otherCpuPercent() const {
        const double others = (end.busySeconds - begin.busySeconds) -
                              (end.hostCpuSeconds - begin.hostCpuSeconds) -
                              (end.selfCpuSeconds - begin.selfCpuSeconds);
        return std::max(0.0, 100 * others / window());
    }
    double renderNsPerFrame() const {
        const auto frames = end.framesRendered - begin.framesRendered;
        return frames ? static_cast<double>(end.renderNs - begin.renderNs) /
                            static_cast<double>(frames)
                      : 0;
    }
};

unsigned long long ull(std::uint64_t v) {
    return static_cast<unsigned long long>(v);
}

std::vector<std::uint32_t> parseList(const char* text) {
    std::vector<std::uint32_t> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (const long v = std::atol(item.c_str()); v > 0)
            out.push_back(static_cast<std::uint32_t>(v));
    return out;
}

bool parseOptions(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const char* a = argv[i];
        const char* value = i + 1 < argc ? argv[i + 1] : nullptr;
        if (std::strcmp(a, "--quick") == 0) {
            o.quick = true;
            continue;
        }
        if (value == nullptr) return false;
        ++i;
        if (std::strcmp(a, "--mode") == 0 && std::strcmp(value, "polyphony") == 0)
            o.mode = Mode::Polyphony;
        else if (std::strcmp(a, "--mode") == 0 && std::strcmp(value, "gc") == 0)
            o.mode = Mode::Gc;
        else if (std::strcmp(a, "--mode") == 0 && std::strcmp(value, "quality") == 0)
            o.mode = Mode::Quality;
        else if (std::strcmp(a, "--voices") == 0)
            o.voices = parseList(value);
        else if (std::strcmp(a, "--depths") == 0)
            o.depths = parseList(value);
        else if (std::strcmp(a, "--seconds") == 0)
            o.seconds = std::atof(value);
        else if (std::strcmp(a, "--warmup") == 0)
            o.warmup = std::atof(value);
        else
            return false;
    }
    return !o.voices.empty() && !o.depths.empty();
}

void callbackFigures(std::vector<std::uint32_t> ns, Result& r) {
    if (ns.empty()) return;
    std::sort(ns.begin(), ns.end());
    const double sum = std::accumulate(ns.begin(), ns.end(), 0.0);
    const auto p99 = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(ns.size())));
    r.cbMeanUs = sum / static_cast<double>(ns.size()) / 1e3;
    r.cbP99Us = ns[std::max<std::size_t>(p99, 1) - 1] / 1e3;
    r.cbMaxUs = ns.back() / 1e3;
}

// The engine's steering of the quality hint, when the plan asks for it.
struct Steering {
    govox::audio::QualityGovernor governor;
    govox::audio::QualityProbe probe;
};

// Sleeps `seconds` in 100 ms steps (33 ms while steering the quality hint), following the
// host's health and the sampled maxima.
void watch(LiveRig& rig, double seconds, Result& r, bool measuring, Steering* steering) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (r.problem.empty() && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(steering ? 33 : 100));
        if (steering) {
            const govox_quality before = steering->governor.quality();
            const govox_quality q = rig.steerQuality(steering->governor, steering->probe);
            if (measuring) {
                ++r.looksAt[q];
                r.hintChanges += q != before;
            }
        }
        r.problem = rig.hostProblem();
        if (!measuring) continue;
        const RigSnapshot s = rig.snapshot();
        r.minSounding = std::min(r.minSounding, s.soundingVoices);
        r.gcP99Max = std::max(r.gcP99Max, s.gcPauseP99Ns);
        r.gcMaxMax = std::max(r.gcMaxMax, s.gcPauseMaxNs);
        r.heapMax = std::max(r.heapMax, s.heapBytes);
    }
}

Result soak(const Plan& p) {
    Result r;
    const auto built = govox::bench::buildGoVoice(p.voiceDir);
    if (built.library.empty()) {
        r.problem = built.error;
        return r;
    }
    govox::bench::LiveRigConfig config{
        .name = p.voiceDir,
        .library = built.library,
        .region = {.voiceCount = p.slots,
                   .ringCapacityFrames = p.ringCapacity,
                   .ringTargetFrames = p.ringTarget,
                   .sampleRate = kRate,
                   .maxBlockFrames = kBlock,
                   .quality = p.hint},
        .maxTimedCallbacks = static_cast<std::size_t>((p.seconds + 10) * kRate / kBlock)};
    std::string error;
    auto rig = LiveRig::start(config, error);
    if (!rig) {
        r.problem = error;
        return r;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200)); // the stream settles
    r.noteOn = rig->snapshot();
    // Distinct keys, so no note replaces another: 64 per channel, from E2 up.
    for (std::uint32_t i = 0; i < p.notes; ++i)
        if (!rig->noteOn(static_cast<std::uint8_t>(i / 64), static_cast<std::uint8_t>(40 + i % 64),
                         100))
            r.problem = "the event queue is full";
    Steering steering;
    Steering* steer = p.steer ? &steering : nullptr;
    watch(*rig, p.warmup, r, false, steer);
    r.begin = rig->snapshot();
    r.minSounding = r.begin.soundingVoices;
    rig->timing().record();
    watch(*rig, p.seconds, r, true, steer);
    r.end = rig->snapshot();
    callbackFigures(rig->timing().stop(), r);
    if (r.problem.empty() && r.minSounding < p.notes)
        r.problem = "only " + std::to_string(r.minSounding) + " of " + std::to_string(p.notes) +
                    " voices sounded throughout";
    if (r.problem.empty() &&
        (r.end.nonfinite != r.noteOn.nonfinite || r.end.corruptions != r.noteOn.corruptions))
        r.problem = "the mixer saw non-finite samples or corrupt indices";
    return r;
}

void printCommonHeader(const Plan& p) {
    std::printf("48 kHz, %u-frame buffers, ring target %u frames (%.1f ms), capacity %u; "
                "warm-up %.0f s, then %.0f s measured\n",
                kBlock, p.ringTarget, 1e3 * p.ringTarget / kRate, p.ringCapacity, p.warmup,
                p.seconds);
}

// padpoly in 128 slots at a ring depth, for 30 s per run (--seconds); --quick makes it
// 4 notes in 8 slots for 2 s, and `voices` the list of note counts to run.
Plan padPlan(const Options& o, std::uint32_t ringTarget, std::uint32_t ringCapacity,
             std::vector<std::uint32_t>& voices) {
    Plan plan{.voiceDir = "internal/testvoices/padpoly",
              .slots = 128,
              .ringTarget = ringTarget,
              .ringCapacity = ringCapacity,
              .warmup = o.warmup,
              .seconds = o.seconds > 0 ? o.seconds : 30};
    voices = o.voices;
    if (o.quick) {
        voices = {4};
        plan.slots = 8;
        plan.warmup = 1;
        plan.seconds = o.seconds > 0 ? o.seconds : 2;
    }
    return plan;
}

int runPolyphony(const Options& o) {
    std::vector<std::uint32_t> voices;
    Plan plan = padPlan(o, 512, 2048, voices);
    std::printf("Polyphony: pad voices held at once (padpoly), %u slots\n", plan.slots);
    printCommonHeader(plan);
    std::printf("  voices  underruns     xruns  voices  callback us           host   render      GC"
                "      others\n");
    std::printf(
        "          start window         hit     mean    p99     max  CPU %%  ns/v-frame  cycles"
        "  CPU %%\n");
    // Largest N clean at N and at every smaller N tried: over the sustained window, and
    // from the note-ons on (all N notes start at once, the hardest moment).
    std::uint32_t bestSustained = 0, bestWithStart = 0;
    bool sustainedClean = true, startClean = true;
    int status = 0;
    for (std::uint32_t n : voices) {
        plan.notes = n;
        const Result r = soak(plan);
        if (!r.problem.empty()) {
            std::printf("  %6u  failed: %s\n", n, r.problem.c_str());
            status = 1;
            sustainedClean = startClean = false;
            continue;
        }
        std::printf(
            "  %6u  %5llu %6llu  %8llu  %6u  %6.1f %6.1f %7.1f  %5.1f  %10.1f  %6llu  %5.1f\n", n,
            ull(r.startUnderruns()), ull(r.windowUnderruns()), ull(r.end.xruns - r.noteOn.xruns),
            r.end.voicesUnderrun, r.cbMeanUs, r.cbP99Us, r.cbMaxUs, r.hostCpuPercent(),
            r.renderNsPerFrame(), ull(r.end.gcCycles - r.begin.gcCycles), r.otherCpuPercent());
        std::fflush(stdout);
        sustainedClean = sustainedClean && r.windowUnderruns() == 0;
        startClean = startClean && r.underruns() == 0;
        if (sustainedClean) bestSustained = n;
        if (startClean) bestWithStart = n;
    }
    if (!o.quick) {
        std::printf("\nLargest N with no underrun while sustained (at N and every smaller N "
                    "tried): %u; target >= 64: %s\n",
                    bestSustained, bestSustained >= 64 ? "met" : "MISSED");
        std::printf("Counting the simultaneous start of all N notes as well: %u\n", bestWithStart);
    }
    return status;
}

int runGc(const Options& o) {
    Plan plan{.voiceDir = "voices/gctorture",
              .notes = 32,
              .slots = 32,
              .warmup = o.warmup,
              .seconds = o.seconds > 0 ? o.seconds : 60};
    std::vector<std::uint32_t> depths = o.depths;
    if (o.quick) {
        depths = {1024};
        plan.notes = 4;
        plan.warmup = 1;
        plan.seconds = o.seconds > 0 ? o.seconds : 2;
    }
    std::printf("GC tolerance: %u gctorture voices, %u slots, 48 kHz, %u-frame buffers, "
                "warm-up %.0f s, then %.0f s measured per depth\n",
                plan.notes, plan.slots, kBlock, plan.warmup, plan.seconds);
    std::printf("  target  capa-  underruns     per   voices  xruns  GC      pause us     chunks"
                "  frames/  host   callback  others\n");
    std::printf("  frames  city   start window  min   hit            cycles  p99    max   per s "
                "  chunk    CPU %%  p99 us    CPU %%\n");
    int status = 0;
    std::uint64_t at1024 = 1;
    for (std::uint32_t depth : depths) {
        plan.ringTarget = depth;
        plan.ringCapacity = 2 * depth;
        const Result r = soak(plan);
        if (!r.problem.empty()) {
            std::printf("  %6u  failed: %s\n", depth, r.problem.c_str());
            status = 1;
            continue;
        }
        const double chunks = static_cast<double>(r.end.chunksRendered - r.begin.chunksRendered);
        const double frames = static_cast<double>(r.end.framesRendered - r.begin.framesRendered);
        std::printf(
            "  %6u  %5u  %5llu %6llu  %5.1f  %5u  %5llu  %6llu  %5.0f %5.0f  %6.0f  %7.0f  %5.1f"
            "  %8.1f  %6.1f\n",
            depth, plan.ringCapacity, ull(r.startUnderruns()), ull(r.windowUnderruns()),
            static_cast<double>(r.windowUnderruns()) * 60 / r.window(), r.end.voicesUnderrun,
            ull(r.end.xruns - r.begin.xruns), ull(r.end.gcCycles - r.begin.gcCycles),
            static_cast<double>(r.gcP99Max) / 1e3, static_cast<double>(r.gcMaxMax) / 1e3,
            chunks / r.window(), chunks > 0 ? frames / chunks : 0, r.hostCpuPercent(), r.cbP99Us,
            r.otherCpuPercent());
        std::fflush(stdout);
        if (depth == 1024) at1024 = r.windowUnderruns();
    }
    if (!o.quick && std::find(depths.begin(), depths.end(), 1024u) != depths.end())
        std::printf("\nTarget: no underrun at a 1024-frame ring: %s\n",
                    at1024 == 0 ? "met" : "MISSED");
    return status;
}

// `stress-ng --cpu 2` for as long as it lives: the load the quality comparison runs under.
class CpuLoad {
public:
    CpuLoad() {
        char cmd[] = "stress-ng", cpu[] = "--cpu", two[] = "2", quiet[] = "--quiet";
        char* argv[] = {cmd, cpu, two, quiet, nullptr};
        if (posix_spawnp(&pid_, "stress-ng", nullptr, nullptr, argv, environ) != 0) pid_ = -1;
    }
    ~CpuLoad() {
        if (pid_ <= 0) return;
        kill(pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
    }
    CpuLoad(const CpuLoad&) = delete;
    CpuLoad& operator=(const CpuLoad&) = delete;
    bool running() const { return pid_ > 0; }

private:
    pid_t pid_ = -1;
};

int runQuality(const Options& o) {
    std::vector<std::uint32_t> voices;
    Plan plan = padPlan(o, 1024, 4096, voices);
    std::unique_ptr<CpuLoad> load;
    if (!o.quick) { // quick runs without load: the smoke test only checks that arms play
        load = std::make_unique<CpuLoad>();
        if (!load->running()) {
            std::printf("cannot start stress-ng (apt install stress-ng)\n");
            return 1;
        }
    }
    std::printf("Dynamic quality: pad voices (padpoly), %u slots, %s\n", plan.slots,
                o.quick ? "no load" : "stress-ng --cpu 2 beside it");
    printCommonHeader(plan);
    std::printf("  voices  hint      underruns  voices  host   render      looks at (%%)      "
                "changes  others\n");
    std::printf("                    start window  hit  CPU %%  ns/v-frame  low normal high"
                "             CPU %%\n");
    int status = 0;
    for (std::uint32_t n : voices) {
        plan.notes = n;
        const struct {
            const char* name;
            bool steer;
            govox_quality hint;
        } arms[] = {{"high   ", false, GOVOX_QUALITY_HIGH},
                    {"normal ", false, GOVOX_QUALITY_NORMAL},
                    {"steered", true, GOVOX_QUALITY_NORMAL}};
        for (const auto& a : arms) {
            plan.steer = a.steer;
            plan.hint = a.hint;
            const bool steer = a.steer;
            const Result r = soak(plan);
            const char* arm = a.name;
            if (!r.problem.empty()) {
                std::printf("  %6u  %s  failed: %s\n", n, arm, r.problem.c_str());
                status = 1;
                continue;
            }
            const double looks = std::max(1u, r.looksAt[0] + r.looksAt[1] + r.looksAt[2]);
            const auto share = [&](int q) { return steer ? 100 * r.looksAt[q] / looks : 0.0; };
            std::printf(
                "  %6u  %s  %5llu %6llu  %4u  %5.1f  %10.1f  %4.0f %6.0f %4.0f  %7u  %6.1f\n", n,
                arm, ull(r.startUnderruns()), ull(r.windowUnderruns()), r.end.voicesUnderrun,
                r.hostCpuPercent(), r.renderNsPerFrame(), share(0),
                steer ? share(1) : 100.0 * (a.hint == GOVOX_QUALITY_NORMAL),
                steer ? share(2) : 100.0 * (a.hint == GOVOX_QUALITY_HIGH), r.hintChanges,
                r.otherCpuPercent());
            std::fflush(stdout);
        }
    }
    return status;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parseOptions(argc, argv, o)) {
        std::fprintf(
            stderr,
            "usage: voice_load_bench --mode polyphony|gc|quality [--quick] [--voices 16,32,..] "
            "[--depths 256,512,..] [--seconds S] [--warmup S]\n");
        return 2;
    }
    switch (o.mode) {
    case Mode::Polyphony: return runPolyphony(o);
    case Mode::Gc: return runGc(o);
    case Mode::Quality: return runQuality(o);
    }
    return 2;
}
