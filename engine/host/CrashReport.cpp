#include "engine/host/CrashReport.hpp"

#include <sstream>
#include <vector>

namespace govox::host {
namespace {

bool startsWith(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

} // namespace

CrashReport parseCrashOutput(const std::string& output) {
    const std::vector<std::string> all = lines(output);
    CrashReport report;
    std::size_t at = all.size();
    // The last panic or fatal error is the one that ended the process.
    for (std::size_t i = all.size(); i-- > 0;) {
        if (startsWith(all[i], "panic: ") || startsWith(all[i], "fatal error: ")) {
            at = i;
            break;
        }
    }
    if (at == all.size()) { // no Go crash: the host's or the SDK's own last word
        for (std::size_t i = all.size(); i-- > 0;) {
            if (startsWith(all[i], "govox sdk: ") || startsWith(all[i], "govox-voicehost: ")) {
                report.summary = all[i].substr(all[i].find(": ") + 2);
                return report;
            }
        }
        for (std::size_t i = all.size(); i-- > 0;) // anything it said at all
            if (!all[i].empty()) return {all[i], {}};
        return report;
    }
    report.summary = all[at];
    std::size_t i = at + 1;
    if (i < all.size() && startsWith(all[i], "[signal ")) report.summary += " " + all[i++];
    while (i < all.size() && !startsWith(all[i], "goroutine ")) ++i;
    for (std::size_t n = 0; i < all.size() && n < 60; ++i, ++n) {
        if (n > 0 && all[i].empty()) break; // the end of that goroutine's trace
        report.stack += all[i] + "\n";
    }
    return report;
}

} // namespace govox::host
