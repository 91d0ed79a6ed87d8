// SummaryReporter.hpp - Google Benchmark's console output, plus what a summary needs.
//
// Aims
// - Every Govox benchmark is judged against a reference measured in the same run. The
//   console reporter prints each figure as usual; this one also keeps the run that stands
//   for each benchmark (the median when it repeats) so that main() can print the ratios
//   and the targets at the end.
// - A benchmark that reports an error makes the program fail, so the CTest smoke tests
//   catch a broken benchmark and not only a crash.
//
// Threads: used by the thread that calls benchmark::RunSpecifiedBenchmarks.
#pragma once

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace govox::bench {

class SummaryReporter final : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override;
    void useColor(bool color) noexcept;

    // The kept run of the benchmark registered as `name`, or nullptr when it did not run
    // (filtered out, or failed).
    const Run* find(const std::string& name) const;
    bool failed() const noexcept { return failed_; }

    // Real (or manual) seconds per iteration of a kept run.
    static double secondsPerIteration(const Run& run);
    // A user counter's reported value, 0 when the run has no such counter.
    static double counter(const Run& run, const std::string& name);

private:
    std::map<std::string, Run> kept_;
    bool failed_ = false;
};

// Initialises Google Benchmark from the command line, runs the registered benchmarks with
// `reporter`, and returns the process exit code (non-zero on bad flags or a failed run).
// The console output is coloured on a terminal unless --benchmark_color=false; it is
// always the console format (--benchmark_out=FILE --benchmark_out_format=json gives JSON).
int runBenchmarks(int argc, char** argv, SummaryReporter& reporter);

// "met" or "MISSED", for summary lines.
const char* verdict(bool met);

} // namespace govox::bench
