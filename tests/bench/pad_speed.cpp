// pad_speed - the pad voice's render speed in Go against the same algorithm in C++,
// measured in the same run (issue 3, target 1: Go / C++ <= 1.5).
//
// 1. Agreement: one second of note 57 from the real Go voice (go-plugins/voices/pad, built,
//    run by the SDK in a lockstep voice host, read back from its ring) against the C++
//    reference (tests/bench/pad_reference). A reference that computed something else
//    would make the timing meaningless, so a mismatch fails the program.
// 2. Speed, in rounds that each time Go and then C++, so that a busy spell of the machine
//    hits both sides of a round:
//    - Go: `go test -run '^$' -bench BenchmarkPadRender -benchtime T ./voices/pad` in
//      go-plugins, its "ns/frame" metric: one voice, note 57 at velocity 0.8, default
//      parameters, 48 kHz, 2048-frame stereo chunks.
//    - C++: the same loop here, a fresh voice per round, timed over T.
//    The summary gives the medians and the median of the per-round Go / C++ ratios.
//
// Options: --rounds N (default 5); --benchtime T, "3s" (default) or "50x" (50 chunks), as
// go test takes it. Exit status 1 if the outputs disagree or a side fails to run.
#include "engine/build/ProcessRunner.hpp"
#include "engine/build/VoiceBuilder.hpp"
#include "tests/bench/GoVoices.hpp"
#include "tests/bench/LockstepRender.hpp"
#include "tests/bench/pad_reference/PadVoice.hpp"
#include "tests/support/load/MachineLoad.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <regex>
#include <string>
#include <vector>

namespace {

using govox::bench::padref::PadVoice;
using Clock = std::chrono::steady_clock;

constexpr double kRate = 48000;
constexpr std::size_t kChunk = 2048;
constexpr int kNote = 57;
constexpr double kTarget = 1.5;

struct Options {
    int rounds = 5;
    std::string benchtime = "3s";
};

bool parseOptions(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        if (std::strcmp(argv[i], "--rounds") == 0 && hasValue)
            o.rounds = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--benchtime") == 0 && hasValue)
            o.benchtime = argv[++i];
        else {
            std::fprintf(stderr, "usage: pad_speed [--rounds N] [--benchtime 3s|50x]\n");
            return false;
        }
    }
    return !o.benchtime.empty();
}

double rms(const std::vector<float>& x) {
    double s = 0;
    for (float v : x) s += double(v) * v;
    return x.empty() ? 0 : std::sqrt(s / static_cast<double>(x.size()));
}

// Renders what the Go voice rendered, with the C++ reference and the same chunking.
void renderReference(float velocity, std::vector<float>& left, std::vector<float>& right) {
    PadVoice v(kRate);
    v.noteOn(kNote, velocity);
    for (std::size_t at = 0; at < left.size(); at += kChunk)
        v.renderStereo(left.data() + at, right.data() + at, std::min(kChunk, left.size() - at));
}

// Step 1. True when the C++ reference and the Go voice agree to within float rounding.
bool checkAgreement() {
    constexpr std::uint8_t kVelocity = 102; // MIDI carries 1..127: 0.803, not 0.8
    const auto built = govox::bench::buildGoVoice("voices/pad");
    if (built.library.empty()) {
        std::fprintf(stderr, "%s\n", built.error.c_str());
        return false;
    }
    const auto go = govox::bench::renderNoteLockstep(built.library, kNote, kVelocity, 48000);
    if (!go.error.empty()) {
        std::fprintf(stderr, "Go render: %s\n", go.error.c_str());
        return false;
    }
    std::vector<float> left(go.left.size()), right(go.right.size());
    renderReference(static_cast<float>(kVelocity) / 127, left, right);
    double maxDiff = 0;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < left.size(); ++i) {
        const double d = std::max(std::abs(double(left[i]) - go.left[i]),
                                  std::abs(double(right[i]) - go.right[i]));
        maxDiff = std::max(maxDiff, d);
        differing += d != 0;
    }
    std::printf("Agreement, 1 s of note %d (velocity %u/127), Go voice in a lockstep host "
                "against the C++ reference:\n",
                kNote, kVelocity);
    std::printf("  first left samples  Go  %+.9f %+.9f %+.9f %+.9f\n", go.left[1], go.left[2],
                go.left[3], go.left[1000]);
    std::printf("                      C++ %+.9f %+.9f %+.9f %+.9f\n", left[1], left[2], left[3],
                left[1000]);
    std::printf("  RMS left/right      Go  %.9f / %.9f, C++ %.9f / %.9f\n", rms(go.left),
                rms(go.right), rms(left), rms(right));
    std::printf("  frames that differ  %zu of %zu, largest difference %.3g\n", differing,
                left.size(), maxDiff);
    // A last-bit difference in a libm function (tan, pow) may show as a float32 rounding
    // step in a few samples; anything above -100 dBFS is a different algorithm.
    const bool ok = maxDiff <= 1e-5;
    std::printf("  %s\n\n", ok ? "the same output" : "MISMATCH: the reference is not the pad");
    return ok;
}

// Go's ns/frame for one `go test -bench` run; negative on failure.
double goNsPerFrame(const std::string& benchtime) {
    const auto run = govox::build::runProcess(
        {govox::bench::goBinary(), "test", "-run", "^$", "-bench", "BenchmarkPadRender",
         "-benchtime", benchtime, "-count", "1", "./voices/pad"},
        govox::bench::goSdkDir(), {govox::build::cgoFlagsEnv(govox::bench::goSdkDir())});
    static const std::regex metric(
        R"(BenchmarkPadRender\S*\s+\d+\s+[\d.]+ ns/op\s+([\d.]+) ns/frame)");
    std::smatch m;
    if (!run.started || run.exitCode != 0 || !std::regex_search(run.output, m, metric)) {
        std::fprintf(stderr, "go test failed (%s):\n%s\n", run.error.c_str(), run.output.c_str());
        return -1;
    }
    return std::stod(m[1].str());
}

volatile float benchSink; // written once per timing, so the render cannot be optimised away

// The C++ side of BenchmarkPadRender: chunks of 2048 frames of one sustained note.
double cppNsPerFrame(const std::string& benchtime) {
    const bool counted = benchtime.back() == 'x';
    const double amount = std::atof(benchtime.c_str());
    PadVoice v(kRate);
    std::vector<float> left(kChunk), right(kChunk);
    v.noteOn(kNote, 0.8f);
    std::size_t chunks = 0;
    float sink = 0;
    const auto start = Clock::now();
    double seconds = 0;
    do {
        v.renderStereo(left.data(), right.data(), kChunk);
        sink += left[0] + right[kChunk - 1]; // keeps the render observable
        ++chunks;
        seconds = std::chrono::duration<double>(Clock::now() - start).count();
    } while (counted ? static_cast<double>(chunks) < amount : seconds < amount);
    benchSink = sink;
    return seconds * 1e9 / static_cast<double>(chunks * kChunk);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parseOptions(argc, argv, o)) return 2;
    if (!checkAgreement()) return 1;

    std::printf("Speed: one pad voice, note %d, velocity 0.8, 48 kHz, %zu-frame stereo chunks, "
                "benchtime %s per side\n",
                kNote, kChunk, o.benchtime.c_str());
    std::printf("  round   Go ns/frame   C++ ns/frame   Go/C++   others' CPU %%\n");
    std::vector<double> goNs, cppNs, ratios;
    for (int r = 1; r <= o.rounds; ++r) {
        // CPU the rest of the machine took during the round: a disturbed round shows.
        const auto t0 = Clock::now();
        const double others0 =
            govox::bench::machineBusySeconds() - govox::bench::selfAndChildrenCpuSeconds();
        const double g = goNsPerFrame(o.benchtime);
        if (g <= 0) return 1;
        const double c = cppNsPerFrame(o.benchtime);
        const double others = govox::bench::machineBusySeconds() -
                              govox::bench::selfAndChildrenCpuSeconds() - others0;
        const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
        goNs.push_back(g);
        cppNs.push_back(c);
        ratios.push_back(g / c);
        std::printf("  %5d   %11.2f   %12.2f   %6.2f   %13.0f\n", r, g, c, g / c,
                    std::max(0.0, 100 * others / wall));
        std::fflush(stdout);
    }
    const double ratio = median(ratios);
    std::printf("\nSummary (medians of %d rounds)\n", o.rounds);
    std::printf("  Go  %.2f ns/frame = %.3f %% of one core per voice at 48 kHz\n", median(goNs),
                median(goNs) * kRate / 1e7);
    std::printf("  C++ %.2f ns/frame = %.3f %% of one core per voice at 48 kHz\n", median(cppNs),
                median(cppNs) * kRate / 1e7);
    // Interference only ever slows a side down, so the fastest rounds bound the true costs.
    const double goBest = *std::min_element(goNs.begin(), goNs.end());
    const double cppBest = *std::min_element(cppNs.begin(), cppNs.end());
    std::printf("  fastest rounds: Go %.2f, C++ %.2f ns/frame, ratio %.2fx\n", goBest, cppBest,
                goBest / cppBest);
    std::printf("  Go / C++ %.2fx (per-round ratios %.2f..%.2f); target <= %.1fx: %s\n", ratio,
                *std::min_element(ratios.begin(), ratios.end()),
                *std::max_element(ratios.begin(), ratios.end()), kTarget,
                ratio <= kTarget ? "met" : "MISSED");
    return 0;
}
