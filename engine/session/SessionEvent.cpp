#include "engine/session/SessionEvent.hpp"

#include <cstdio>

namespace govox::session {
namespace {

SessionEvent make(SessionEventKind kind, std::string message, std::string stack = {}) {
    SessionEvent e;
    e.kind = kind;
    e.message = std::move(message);
    e.stack = std::move(stack);
    return e;
}

std::string quoted(const std::string& voice) {
    return "'" + voice + "'";
}

} // namespace

SessionEvent SessionEvent::started(const std::string& voice, const reload::ReloadReport& report) {
    SessionEvent e = make(SessionEventKind::Started,
                          quoted(voice) + " plays (built in " +
                              std::to_string(static_cast<int>(report.timings.buildMs())) + " ms)");
    e.timings = report.timings;
    return e;
}

SessionEvent SessionEvent::reloaded(const std::string& voice, const reload::ReloadReport& report) {
    char line[240];
    std::snprintf(line, sizeof line,
                  "'%s' reloaded: heard %.0f ms after the save (build %.0f ms, swap %.0f ms)",
                  voice.c_str(), report.timings.firstSampleMs, report.timings.buildMs(),
                  report.timings.swapMs());
    SessionEvent e = make(SessionEventKind::Reloaded, line);
    e.timings = report.timings;
    e.removedParams = report.removedParams;
    return e;
}

SessionEvent SessionEvent::swapFailed(const std::string& voice, reload::SwapKind kind,
                                      const reload::ReloadReport& report) {
    using reload::SwapKind;
    const bool compile = report.failedAt == reload::SwapFailure::Build;
    SessionEvent e;
    switch (kind) {
    case SwapKind::Start:
        e = make(SessionEventKind::ReloadFailed,
                 (compile ? "cannot build " + quoted(voice) + ": "
                          : quoted(voice) + " did not start: ") +
                     report.failure,
                 report.stack);
        break;
    case SwapKind::Reload:
        e = make(SessionEventKind::ReloadFailed,
                 quoted(voice) +
                     (compile ? " did not build, the previous build plays on: "
                              : " built but did not start, the previous build plays on: ") +
                     report.failure,
                 report.stack);
        break;
    case SwapKind::Restart:
    case SwapKind::Revert:
        e = make(SessionEventKind::Crashed,
                 quoted(voice) + " could not be restarted: " + report.failure, report.stack);
        break;
    }
    e.errors = report.errors;
    e.timings = report.timings;
    return e;
}

SessionEvent SessionEvent::notOpened(std::string message) {
    return make(SessionEventKind::ReloadFailed, std::move(message));
}

SessionEvent SessionEvent::restarted(const std::string& voice) {
    return make(SessionEventKind::Restarted, quoted(voice) + " restarted");
}

SessionEvent SessionEvent::reverted(const std::string& voice, std::chrono::milliseconds probation) {
    return make(SessionEventKind::Reverted, quoted(voice) +
                                                ": the new build crashed during its first " +
                                                std::to_string(probation.count() / 1000) +
                                                " s, so the previous build plays again");
}

SessionEvent SessionEvent::crashed(std::string message, std::string stack) {
    return make(SessionEventKind::Crashed, std::move(message), std::move(stack));
}

SessionEvent SessionEvent::gaveUp(std::string message) {
    return make(SessionEventKind::GaveUp, std::move(message));
}

SessionEvent SessionEvent::fault(std::string message) {
    return make(SessionEventKind::Fault, std::move(message));
}

SessionEvent SessionEvent::notice(std::string message) {
    return make(SessionEventKind::Notice, std::move(message));
}

SessionEvent SessionEvent::quality(std::string message) {
    return make(SessionEventKind::Quality, std::move(message));
}

const char* kindName(SessionEventKind kind) {
    switch (kind) {
    case SessionEventKind::Started: return "started";
    case SessionEventKind::Reloaded: return "reloaded";
    case SessionEventKind::ReloadFailed: return "reload failed";
    case SessionEventKind::Crashed: return "crashed";
    case SessionEventKind::Restarted: return "restarted";
    case SessionEventKind::Reverted: return "reverted";
    case SessionEventKind::GaveUp: return "gave up";
    case SessionEventKind::Fault: return "fault";
    case SessionEventKind::Notice: return "notice";
    case SessionEventKind::Quality: return "quality";
    }
    return "event";
}

} // namespace govox::session
