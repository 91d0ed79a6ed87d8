// ReloadReport.hpp - what a voice session tells its user: reloads with their timings,
// compile errors with file and line, crashes with their Go stack, restarts, faults.
#pragma once

#include "engine/build/VoiceBuilder.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace govox::reload {

// Milliseconds from the moment the change was first seen (the save).
struct ReloadTimings {
    std::chrono::steady_clock::time_point changeSeen; // the first watcher event of the save
    double buildStartMs = 0;    // the debounce
    double buildDoneMs = 0;
    double hostReadyMs = 0;     // the new host has started and handed over its parameters
    double prefilledMs = 0;     // its rings hold the held notes
    double firstSampleMs = 0;   // the crossfade starts: the new build is heard
    double crossfadeDoneMs = 0; // the old build is silent
    double buildMs() const { return buildDoneMs - buildStartMs; }
    double swapMs() const { return crossfadeDoneMs - buildDoneMs; }
};

enum class SessionEventKind {
    Started,      // the first build plays
    Reloaded,     // a new build replaced the old one
    ReloadFailed, // the old build plays on; errors say why
    Crashed,      // the host died or hung; a restart follows unless gaveUp
    Restarted,    // a crashed host was replaced by a fresh one
    Reverted,     // a new build crashed during its probation: back to the previous one
    GaveUp,       // a crash loop: the voice is silent until the next good build
    Fault,        // a note produced NaN/Inf or broke the ring protocol and was silenced
    Notice        // anything else worth a line (removed parameters, ...)
};

struct SessionEvent {
    SessionEventKind kind = SessionEventKind::Notice;
    std::string message;                     // one line for the user
    std::string stack;                       // a Go stack, when there is one
    std::vector<build::CompileError> errors; // for ReloadFailed after a compile error
    ReloadTimings timings;                   // for Started, Reloaded
    std::vector<std::string> removedParams;  // for Reloaded
};

const char* kindName(SessionEventKind kind);

} // namespace govox::reload
