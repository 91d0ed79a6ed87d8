// callback_bench - what one audio callback costs: rt::Mixer::process with 64 sounding
// voices, 128 frames at 48 kHz, as a share of the 2.667 ms buffer period (issue 2,
// target 3).
//
// A realistic set-up rather than a tight loop: a ToneVoiceHost renders 64 sine voices on
// its own thread and keeps every ring at its target, while this thread calls the mixer
// once per buffer period, sleeping in between as an audio thread does (so caches and
// clocks are as cold as they really are). Only the call is timed, once per callback;
// mean, p99 and maximum come from every callback of the run. The run length is
// --govox_callbacks=N (default 7500, 20 s of audio); the CTest smoke test uses a few.
#include "tests/bench/SummaryReporter.hpp"

#include "engine/rt/Mixer.hpp"
#include "engine/shm/Region.hpp"
#include "engine/standin/ToneVoiceHost.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

namespace {

using govox::bench::SummaryReporter;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kVoices = 64;
constexpr std::uint32_t kBlockFrames = 128;
constexpr std::uint32_t kSampleRate = 48000;
constexpr double kPeriodSeconds = double{kBlockFrames} / kSampleRate;
constexpr const char* kCallback = "callback/mixer_64_voices_128_frames_48k";

struct CallbackFigures {
    double meanNs = 0, p99Ns = 0, maxNs = 0;
};

CallbackFigures summarise(std::vector<double>& ns) {
    CallbackFigures f;
    if (ns.empty()) return f;
    f.meanNs = std::accumulate(ns.begin(), ns.end(), 0.0) / static_cast<double>(ns.size());
    std::sort(ns.begin(), ns.end());
    const auto p99 = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(ns.size())));
    f.p99Ns = ns[std::min(ns.size(), std::max<std::size_t>(p99, 1)) - 1];
    f.maxNs = ns.back();
    return f;
}

std::unique_ptr<govox::shm::Region> makeRegion(std::string& error) {
    govox::shm::RegionConfig c;
    c.voiceCount = kVoices;
    c.ringCapacityFrames = 4096;
    c.ringTargetFrames = 1024;
    c.sampleRate = kSampleRate;
    c.maxBlockFrames = 1024;
    auto created = govox::shm::Region::create(c);
    error = created.error;
    return std::move(created.region);
}

// 64 tones spread over five octaves and across the stereo field, quiet enough that their
// sum stays below the limiter's ceiling.
bool startTones(govox::standin::ToneVoiceHost& host) {
    for (std::uint32_t v = 0; v < kVoices; ++v) {
        govox::standin::Tone tone;
        tone.frequency = 55.0 * std::pow(2.0, v / 12.0);
        tone.amplitude = 0.9f / kVoices;
        tone.pan = -1.0f + 2.0f * static_cast<float>(v) / (kVoices - 1);
        if (!host.noteOn(v, tone)) return false;
    }
    return true;
}

void callbackCost(benchmark::State& state) {
    std::string error;
    auto region = makeRegion(error);
    if (!region) {
        state.SkipWithError(error.c_str());
        return;
    }
    govox::rt::MixerConfig config;
    config.sampleRate = kSampleRate;
    govox::rt::Mixer mixer(config);
    auto regionMixer = mixer.makeRegionMixer(*region);
    mixer.add(regionMixer, 0);
    govox::standin::ToneVoiceHost host(*region);
    host.markReady();
    if (!startTones(host)) {
        state.SkipWithError("could not start the tones");
        return;
    }
    host.startThread(std::chrono::microseconds(1000));
    std::this_thread::sleep_for(std::chrono::milliseconds(50)); // let the host prefill

    std::array<float, kBlockFrames> left{}, right{};
    std::vector<double> ns;
    ns.reserve(static_cast<std::size_t>(state.max_iterations));
    const auto period =
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(kPeriodSeconds));
    auto deadline = Clock::now();
    for (auto _ : state) {
        deadline += period;
        std::this_thread::sleep_until(deadline);
        const auto t0 = Clock::now();
        mixer.process(left.data(), right.data(), kBlockFrames);
        const auto t1 = Clock::now();
        benchmark::DoNotOptimize(left.data());
        const double seconds = std::chrono::duration<double>(t1 - t0).count();
        state.SetIterationTime(seconds);
        ns.push_back(seconds * 1e9);
    }
    host.stopThread();

    const auto& stats = mixer.stats();
    const CallbackFigures f = summarise(ns);
    const double periodNs = kPeriodSeconds * 1e9;
    state.counters["mean_us"] = f.meanNs / 1e3;
    state.counters["p99_us"] = f.p99Ns / 1e3;
    state.counters["max_us"] = f.maxNs / 1e3;
    state.counters["mean_%"] = 100.0 * f.meanNs / periodNs;
    state.counters["p99_%"] = 100.0 * f.p99Ns / periodNs;
    state.counters["underruns"] = static_cast<double>(stats.underruns.load());
    state.counters["voices"] = static_cast<double>(stats.soundingVoices.load());
    if (stats.soundingVoices.load() != kVoices || stats.nonfiniteBlocks.load() != 0 ||
        stats.corruptions.load() != 0)
        state.SkipWithError("the mixer did not play 64 voices");
}

void printSummary(const SummaryReporter& reporter) {
    const auto* run = reporter.find(kCallback);
    std::printf("\nCallback cost, %u voices, %u frames at %u Hz (period %.3f ms)\n", kVoices,
                kBlockFrames, kSampleRate, kPeriodSeconds * 1e3);
    if (run == nullptr) {
        std::printf("  not run\n");
        return;
    }
    const auto c = [run](const char* name) { return SummaryReporter::counter(*run, name); };
    std::printf("  callbacks %lld, underruns %.0f\n", static_cast<long long>(run->iterations),
                c("underruns"));
    if (c("underruns") > 0)
        std::printf("  warning: the stand-in host fell behind (a busy machine?), so some\n"
                    "  callbacks found rings short\n");
    std::printf("  mean %8.2f us = %5.2f %% of the period\n", c("mean_us"), c("mean_%"));
    std::printf("  p99  %8.2f us = %5.2f %% of the period\n", c("p99_us"), c("p99_%"));
    std::printf("  max  %8.2f us = %5.2f %% of the period\n", c("max_us"),
                100.0 * c("max_us") * 1e3 / (kPeriodSeconds * 1e9));
    std::printf("  target p99 <= 5 %% of the period: %s (mean: %s)\n",
                govox::bench::verdict(c("p99_%") <= 5.0),
                govox::bench::verdict(c("mean_%") <= 5.0));
}

// Takes --govox_callbacks=N out of argv (Google Benchmark rejects flags it does not know).
long takeCallbackCount(int& argc, char** argv) {
    long callbacks = 7500;
    constexpr const char* kFlag = "--govox_callbacks=";
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], kFlag, std::strlen(kFlag)) == 0)
            callbacks = std::max(1L, std::strtol(argv[i] + std::strlen(kFlag), nullptr, 10));
        else
            argv[kept++] = argv[i];
    }
    argc = kept;
    return callbacks;
}

} // namespace

int main(int argc, char** argv) {
    const long callbacks = takeCallbackCount(argc, argv);
    benchmark::RegisterBenchmark(kCallback, callbackCost)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond)
        ->Iterations(callbacks);
    SummaryReporter reporter;
    const int status = govox::bench::runBenchmarks(argc, argv, reporter);
    printSummary(reporter);
    return status;
}
