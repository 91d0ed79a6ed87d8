// SessionEvent.hpp - what a voice session tells its user, one event at a time: the voice
// started or reloaded (with timings), a build failed (compile errors with file and line),
// a host crashed (with its Go stack), was restarted, reverted or given up on, a note was
// silenced for a fault, and anything else worth a line.
//
// The named constructors write the one-line message, so every front end (the window, the
// command line, the tests) shows the same words.
//
// Threads: a plain value; made on the session's threads, read on the control thread.
#pragma once

#include "engine/build/VoiceBuilder.hpp"
#include "engine/reload/ReloadReport.hpp"

#include <chrono>
#include <string>
#include <vector>

namespace govox::session {

enum class SessionEventKind {
    Started,      // the first build plays
    Reloaded,     // a new build replaced the old one
    ReloadFailed, // the old build plays on; errors say why
    Crashed,      // the host died or hung; a restart follows unless GaveUp
    Restarted,    // a crashed host was replaced by a fresh one
    Reverted,     // a new build crashed during its probation: back to the previous one
    GaveUp,       // a crash loop: the voice is silent until the next good build
    Fault,        // a note produced NaN/Inf or broke the ring protocol and was silenced
    Notice,       // anything else worth a line (a watcher that could not start, ...)
    Quality       // the engine changed the voice's quality hint (audio::QualityGovernor)
};

struct SessionEvent {
    SessionEventKind kind = SessionEventKind::Notice;
    std::string message;                     // one line for the user
    std::string stack;                       // a Go stack, when there is one
    std::vector<build::CompileError> errors; // for ReloadFailed after a compile error
    reload::ReloadTimings timings;           // for Started, Reloaded
    std::vector<std::string> removedParams;  // for Reloaded

    static SessionEvent started(const std::string& voice, const reload::ReloadReport& report);
    static SessionEvent reloaded(const std::string& voice, const reload::ReloadReport& report);
    // A swap that did not go through: the old build plays on (Reload) or nothing does.
    static SessionEvent swapFailed(const std::string& voice, reload::SwapKind kind,
                                   const reload::ReloadReport& report);
    // A voice that could not be opened at all (start() said why): shown as a failed build.
    static SessionEvent notOpened(std::string message);
    static SessionEvent restarted(const std::string& voice);
    static SessionEvent reverted(const std::string& voice, std::chrono::milliseconds probation);
    static SessionEvent crashed(std::string message, std::string stack);
    static SessionEvent gaveUp(std::string message);
    static SessionEvent fault(std::string message);
    static SessionEvent notice(std::string message);
    static SessionEvent quality(std::string message);
};

// "reloaded", "crashed", ... for logs and the command line.
const char* kindName(SessionEventKind kind);

} // namespace govox::session
