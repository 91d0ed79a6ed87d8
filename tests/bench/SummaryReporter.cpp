#include "tests/bench/SummaryReporter.hpp"

#include <cstdio>
#include <string_view>

#include <unistd.h>

namespace govox::bench {

namespace {

bool wantsColor(int argc, char** argv) {
    bool color = isatty(STDOUT_FILENO) != 0;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--benchmark_color=false" || arg == "--benchmark_color=no") color = false;
        if (arg == "--benchmark_color=true" || arg == "--benchmark_color=yes") color = true;
    }
    return color;
}

} // namespace

void SummaryReporter::ReportRuns(const std::vector<Run>& runs) {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& run : runs) {
        if (run.error_occurred) {
            failed_ = true;
            continue;
        }
        const bool aggregate = run.run_type == Run::RT_Aggregate;
        if (aggregate ? run.aggregate_name != "median" : run.repetitions > 1) continue;
        kept_.insert_or_assign(run.run_name.function_name, run);
    }
}

void SummaryReporter::useColor(bool color) noexcept {
    output_options_ = color ? OO_ColorTabular : OO_Tabular;
}

const benchmark::BenchmarkReporter::Run* SummaryReporter::find(const std::string& name) const {
    const auto it = kept_.find(name);
    return it == kept_.end() ? nullptr : &it->second;
}

double SummaryReporter::secondsPerIteration(const Run& run) {
    return run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
}

double SummaryReporter::counter(const Run& run, const std::string& name) {
    const auto it = run.counters.find(name);
    return it == run.counters.end() ? 0.0 : it->second.value;
}

int runBenchmarks(int argc, char** argv, SummaryReporter& reporter) {
    reporter.useColor(wantsColor(argc, argv));
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    if (reporter.failed()) std::printf("\nAt least one benchmark reported an error.\n");
    return reporter.failed() ? 1 : 0;
}

const char* verdict(bool met) {
    return met ? "met" : "MISSED";
}

} // namespace govox::bench
