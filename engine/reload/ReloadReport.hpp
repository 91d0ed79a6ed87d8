// ReloadReport.hpp - what one swap of voice hosts did: how long each step took after the
// save, and, when it failed, why (compile errors with file and line, a Go stack).
//
// Threads: a plain value; filled on the reload worker, read anywhere after.
#pragma once

#include "engine/build/VoiceBuilder.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace govox::reload {

// Milliseconds from the moment the change was first seen (the save).
struct ReloadTimings {
    std::chrono::steady_clock::time_point changeSeen; // the first watcher event of the save
    double buildStartMs = 0;                          // the debounce
    double buildDoneMs = 0;
    double hostReadyMs = 0;     // the new host has started and handed over its parameters
    double prefilledMs = 0;     // its rings hold the held notes
    double firstSampleMs = 0;   // the crossfade starts: the new build is heard
    double crossfadeDoneMs = 0; // the old build is silent
    double buildMs() const { return buildDoneMs - buildStartMs; }
    double swapMs() const { return crossfadeDoneMs - buildDoneMs; }
};

// Why a voice host is being replaced.
enum class SwapKind {
    Start,   // the first build of a session
    Reload,  // a saved change, built anew
    Restart, // the same build again, after its host crashed
    Revert   // the previous build again: the new one crashed during its probation
};

// Where a swap that failed stopped.
enum class SwapFailure {
    None,  // it went through
    Build, // `go build` failed: errors holds what the compiler said
    Host   // the build is fine but its host did not start, or the mixer refused it
};

struct ReloadReport {
    ReloadTimings timings;
    SwapFailure failedAt = SwapFailure::None;
    std::string failure;                     // why, when failedAt is not None
    std::string stack;                       // a Go stack with the failure
    std::vector<build::CompileError> errors; // a build that failed to compile
    std::vector<std::string> removedParams;  // parameters the new build no longer declares
};

} // namespace govox::reload
