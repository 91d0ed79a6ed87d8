// ring_bench - two-thread throughput of govox's FrameRing against jack_ringbuffer and
// boost::lockfree::spsc_queue, in one run (issue 2, target 1).
//
// Every ring has 4096 frames of room and carries 128-frame stereo float blocks from a
// producer thread to the benchmark thread (RingRounds.hpp): 1 MiFrame per round, timed
// from the first block's arrival to the last. Two ways of comparing:
// - ring/<name>: Google Benchmark's usual runs, five repetitions of each ring; the
//   medians are compared. Best with --benchmark_enable_random_interleaving=true.
// - ring/paired: every iteration runs one round of each ring back to back (in rotating
//   order, one producer thread for all three) and takes govox's ratio to each reference
//   in that iteration; the medians of those ratios are reported. On a shared machine this
//   is the steadier figure, because a slow spell hits all three rings of an iteration.
#include "tests/bench/RingAdapters.hpp"
#include "tests/bench/RingRounds.hpp"
#include "tests/bench/SummaryReporter.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

namespace {

using namespace govox::bench;

// Frames timed per round: all blocks but the first.
constexpr double kTimedFrames = double{kBlocksPerRound - 1} * kBlockFrames;

constexpr const char* kGovox = "ring/govox_FrameRing";
constexpr const char* kJack = "ring/jack_ringbuffer";
constexpr const char* kBoost = "ring/boost_spsc_queue";
constexpr const char* kPaired = "ring/paired";

template <class Ring>
void ringThroughput(benchmark::State& state) {
    RingLanes<Ring> lane;
    for (auto _ : state) {
        const double seconds = lane.round();
        if (seconds < 0) {
            state.SkipWithError("a block arrived damaged or out of order");
            break;
        }
        state.SetIterationTime(seconds);
    }
    const auto iterations = static_cast<double>(state.iterations());
    state.counters["frames/s"] =
        benchmark::Counter(iterations * kTimedFrames, benchmark::Counter::kIsRate);
    state.counters["bytes/s"] = benchmark::Counter(
        iterations * kTimedFrames * static_cast<double>(kFrameBytes), benchmark::Counter::kIsRate);
}

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

void ringPaired(benchmark::State& state) {
    RingLanes<GovoxRing, JackRing, BoostRing> lanes; // 0 govox, 1 jack, 2 boost
    std::vector<double> g, j, b, overJack, overBoost;
    for (auto _ : state) {
        double seconds[3] = {};
        for (std::size_t k = 0; k < 3; ++k) { // rotating order
            const std::size_t which = (k + g.size()) % 3;
            seconds[which] = lanes.round(which);
        }
        if (*std::min_element(seconds, seconds + 3) < 0) {
            state.SkipWithError("a block arrived damaged or out of order");
            break;
        }
        state.SetIterationTime(seconds[0] + seconds[1] + seconds[2]);
        g.push_back(kTimedFrames / seconds[0]);
        j.push_back(kTimedFrames / seconds[1]);
        b.push_back(kTimedFrames / seconds[2]);
        overJack.push_back(g.back() / j.back());
        overBoost.push_back(g.back() / b.back());
    }
    state.counters["govox_Mframes/s"] = median(g) / 1e6;
    state.counters["jack_Mframes/s"] = median(j) / 1e6;
    state.counters["boost_Mframes/s"] = median(b) / 1e6;
    // Against the faster reference: the smaller of the two median ratios. (The median of
    // per-iteration govox / max(jack, boost) would be biased low: the max of two noisy
    // equal figures is above both of their medians.)
    state.counters["govox/jack"] = median(overJack);
    state.counters["govox/boost"] = median(overBoost);
    state.counters["ratio"] = std::min(median(overJack), median(overBoost));
}

void registerRing(const char* name, void (*fn)(benchmark::State&)) {
    benchmark::RegisterBenchmark(name, fn)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond)
        ->Repetitions(5)
        ->ReportAggregatesOnly(true);
}

double framesPerSecond(const SummaryReporter::Run& run) {
    return kTimedFrames / SummaryReporter::secondsPerIteration(run);
}

void printStandalone(const SummaryReporter& reporter) {
    const auto* govox = reporter.find(kGovox);
    const auto* jack = reporter.find(kJack);
    const auto* boost = reporter.find(kBoost);
    std::printf("\nRing throughput, 128-frame stereo float blocks, %u-frame rings, producer and "
                "consumer threads\nSeparate runs (medians of 5 repetitions):\n",
                kRingFrames);
    for (const auto* run : {govox, jack, boost})
        if (run != nullptr)
            std::printf("  %-24s %8.1f Mframes/s  %6.2f GB/s\n",
                        run->run_name.function_name.c_str(), framesPerSecond(*run) / 1e6,
                        framesPerSecond(*run) * static_cast<double>(kFrameBytes) / 1e9);
    if (govox == nullptr || jack == nullptr || boost == nullptr) {
        std::printf("  ratio: not computed (run all three)\n");
        return;
    }
    const double ratio =
        framesPerSecond(*govox) / std::max(framesPerSecond(*jack), framesPerSecond(*boost));
    std::printf("  ratio govox / max(jack, boost) = %.2fx   target >= 1.00x: %s\n", ratio,
                verdict(ratio >= 1.0));
}

void printPaired(const SummaryReporter& reporter) {
    const auto* run = reporter.find(kPaired);
    if (run == nullptr) return;
    const auto c = [run](const char* name) { return SummaryReporter::counter(*run, name); };
    std::printf("Paired rounds (%lld iterations, medians):\n",
                static_cast<long long>(run->iterations));
    std::printf("  govox %.1f, jack %.1f, boost %.1f Mframes/s\n", c("govox_Mframes/s"),
                c("jack_Mframes/s"), c("boost_Mframes/s"));
    std::printf("  median per-iteration ratios: govox/jack %.2fx, govox/boost %.2fx\n",
                c("govox/jack"), c("govox/boost"));
    std::printf("  ratio govox / faster reference = %.2fx   target >= 1.00x: %s\n", c("ratio"),
                verdict(c("ratio") >= 1.0));
}

} // namespace

int main(int argc, char** argv) {
    registerRing(kGovox, ringThroughput<GovoxRing>);
    registerRing(kJack, ringThroughput<JackRing>);
    registerRing(kBoost, ringThroughput<BoostRing>);
    benchmark::RegisterBenchmark(kPaired, ringPaired)
        ->UseManualTime()
        ->Unit(benchmark::kMillisecond);
    SummaryReporter reporter;
    const int status = runBenchmarks(argc, argv, reporter);
    printStandalone(reporter);
    printPaired(reporter);
    return status;
}
