#include "engine/reload/ReloadReport.hpp"

namespace govox::reload {

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
    }
    return "event";
}

} // namespace govox::reload
