// mixer_bench - rt::Mixer::process over 64 full voices against a memcpy of the same bytes,
// in one run (issue 2, target 2).
//
// Both benchmarks read the same region layout at the same ring positions: each iteration
// first writes one 128-frame block into every voice's ring (untimed, as the host runs
// ahead by ~1024 frames), then times only the mix, or only the 64 memcpy calls that copy
// the 64 x 128 x 2 floats the mixer reads. Manual timing keeps the refill out of the
// figures without PauseTiming's cost. Five repetitions; medians are compared at the end.
#include "tests/bench/SummaryReporter.hpp"
#include "tests/bench/VoiceFeeder.hpp"

#include "engine/rt/Mixer.hpp"
#include "engine/rt/RegionRing.hpp"
#include "engine/shm/Region.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

using govox::bench::SummaryReporter;
using govox::bench::VoiceFeeder;
using Clock = std::chrono::steady_clock;

constexpr std::uint32_t kVoices = 64;
constexpr std::uint32_t kBlockFrames = 128;
constexpr std::uint32_t kRingFrames = 4096;
constexpr std::uint32_t kLeadFrames = 1024;
constexpr double kVoiceFrames = double{kVoices} * kBlockFrames;

constexpr const char* kMixer = "mixer/process_64_voices";
constexpr const char* kMemcpy = "mixer/memcpy_reference";

govox::shm::RegionConfig regionConfig() {
    govox::shm::RegionConfig c;
    c.voiceCount = kVoices;
    c.ringCapacityFrames = kRingFrames;
    c.ringTargetFrames = kLeadFrames;
    c.sampleRate = 48000;
    c.maxBlockFrames = 1024;
    return c;
}

// Records the time of the timed part and returns it, in seconds.
double timed(benchmark::State& state, Clock::time_point t0, Clock::time_point t1) {
    const double seconds = std::chrono::duration<double>(t1 - t0).count();
    state.SetIterationTime(seconds);
    return seconds;
}

void setPerVoiceFrame(benchmark::State& state, double timedSeconds) {
    const auto iterations =
        static_cast<double>(std::max<benchmark::IterationCount>(state.iterations(), 1));
    state.counters["ns_per_voice_frame"] = timedSeconds * 1e9 / (iterations * kVoiceFrames);
}

void mixerProcess(benchmark::State& state) {
    auto created = govox::shm::Region::create(regionConfig());
    if (!created.region) {
        state.SkipWithError(created.error.c_str());
        return;
    }
    govox::shm::Region& region = *created.region;
    govox::rt::Mixer mixer(govox::rt::MixerConfig{});
    auto regionMixer = mixer.makeRegionMixer(region); // binds before the first note
    mixer.add(regionMixer, 0);
    VoiceFeeder feeder(region, kBlockFrames);
    if (!feeder.start(kLeadFrames)) {
        state.SkipWithError("could not start the voices");
        return;
    }
    std::array<float, kBlockFrames> left{}, right{};
    mixer.process(left.data(), right.data(), kBlockFrames); // takes the region, starts notes
    bool fed = true;
    double seconds = 0.0;
    for (auto _ : state) {
        fed &= feeder.feed();
        const auto t0 = Clock::now();
        mixer.process(left.data(), right.data(), kBlockFrames);
        const auto t1 = Clock::now();
        benchmark::DoNotOptimize(left.data());
        benchmark::DoNotOptimize(right.data());
        seconds += timed(state, t0, t1);
    }
    const auto& stats = mixer.stats();
    if (!fed || stats.underruns.load() != 0 || stats.soundingVoices.load() != kVoices ||
        stats.nonfiniteBlocks.load() != 0 || stats.corruptions.load() != 0)
        state.SkipWithError("the mixer did not play 64 full voices");
    setPerVoiceFrame(state, seconds);
}

void memcpyReference(benchmark::State& state) {
    auto created = govox::shm::Region::create(regionConfig());
    if (!created.region) {
        state.SkipWithError(created.error.c_str());
        return;
    }
    govox::shm::Region& region = *created.region;
    std::vector<govox::rt::FrameRingReader> readers;
    for (std::uint32_t v = 0; v < kVoices; ++v)
        readers.emplace_back(govox::rt::regionRing(region, v), 0u);
    VoiceFeeder feeder(region, kBlockFrames);
    if (!feeder.start(kLeadFrames)) {
        state.SkipWithError("could not start the voices");
        return;
    }
    std::vector<float> dst(std::size_t{kVoices} * kBlockFrames * govox::rt::kChannels);
    std::array<const float*, kVoices> src{};
    constexpr std::size_t kBytes = std::size_t{kBlockFrames} * govox::rt::kChannels * sizeof(float);
    const auto advance = [&readers] { // the reading side's bookkeeping, untimed
        for (auto& r : readers) r.consume(kBlockFrames);
    };
    advance(); // as the mixer's first call
    bool fed = true;
    double seconds = 0.0;
    for (auto _ : state) {
        fed &= feeder.feed();
        for (std::uint32_t v = 0; v < kVoices; ++v) src[v] = readers[v].peek(kBlockFrames).first;
        const auto t0 = Clock::now();
        for (std::uint32_t v = 0; v < kVoices; ++v)
            std::memcpy(dst.data() + std::size_t{v} * kBlockFrames * govox::rt::kChannels, src[v],
                        kBytes);
        benchmark::ClobberMemory();
        const auto t1 = Clock::now();
        benchmark::DoNotOptimize(dst.data());
        seconds += timed(state, t0, t1);
        advance();
    }
    if (!fed) state.SkipWithError("a ring had no room");
    setPerVoiceFrame(state, seconds);
}

void registerMix(const char* name, void (*fn)(benchmark::State&)) {
    benchmark::RegisterBenchmark(name, fn)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond)
        ->Repetitions(5)
        ->ReportAggregatesOnly(true);
}

double nsPerVoiceFrame(const SummaryReporter::Run& run) {
    return SummaryReporter::secondsPerIteration(run) * 1e9 / kVoiceFrames;
}

void printSummary(const SummaryReporter& reporter) {
    const auto* mixer = reporter.find(kMixer);
    const auto* copy = reporter.find(kMemcpy);
    std::printf("\nMixer, %u voices x %u frames per call (medians)\n", kVoices, kBlockFrames);
    for (const auto* run : {mixer, copy})
        if (run != nullptr)
            std::printf("  %-26s %8.2f us/call  %6.3f ns/voice-frame\n",
                        run->run_name.function_name.c_str(),
                        SummaryReporter::secondsPerIteration(*run) * 1e6, nsPerVoiceFrame(*run));
    if (mixer == nullptr || copy == nullptr) {
        std::printf("  ratio: not computed (run both mixer benchmarks)\n");
        return;
    }
    const double ratio = nsPerVoiceFrame(*mixer) / nsPerVoiceFrame(*copy);
    std::printf("  ratio mixer / memcpy = %.2fx   target <= 2.00x: %s\n", ratio,
                govox::bench::verdict(ratio <= 2.0));
}

} // namespace

int main(int argc, char** argv) {
    registerMix(kMixer, mixerProcess);
    registerMix(kMemcpy, memcpyReference);
    SummaryReporter reporter;
    const int status = govox::bench::runBenchmarks(argc, argv, reporter);
    printSummary(reporter);
    return status;
}
