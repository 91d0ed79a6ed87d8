#include "Report.hpp"

#include <cstdio>

namespace govox::soak {
namespace {

std::string cell(std::string s) { // a Markdown table cell: one line, no bare pipes
    for (char& c : s)
        if (c == '\n') c = ' ';
    std::string out;
    for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

} // namespace

bool Report::check(bool ok, const std::string& what, const std::string& detail) {
    ++checks_;
    std::printf("[%s] %s%s%s\n", ok ? " ok " : "FAIL", what.c_str(), detail.empty() ? "" : ": ",
                detail.c_str());
    std::fflush(stdout);
    if (!ok) failures_.push_back(what + (detail.empty() ? "" : ": " + detail));
    return ok;
}

bool Report::known(bool ok, const std::string& what, const std::string& detail) {
    std::printf("[%s] %s%s%s%s\n", ok ? " ok " : "KNOWN", what.c_str(), detail.empty() ? "" : ": ",
                detail.c_str(), ok ? " (a known issue no longer shows: make this a check)" : "");
    std::fflush(stdout);
    if (!ok) known_.push_back(what + (detail.empty() ? "" : ": " + detail));
    return ok;
}

void Report::figure(const std::string& name, const std::string& value) {
    std::printf("[ figure ] %s: %s\n", name.c_str(), value.c_str());
    std::fflush(stdout);
    figures_.emplace_back(name, value);
}

void Report::fault(FaultRow row) {
    std::printf("[ fault  ] %s | %s | %s | %s\n", row.fault.c_str(), row.userSees.c_str(),
                row.recovery.c_str(), row.dataLost.c_str());
    std::fflush(stdout);
    faults_.push_back(std::move(row));
}

void Report::print() const {
    std::printf("\n| figure | value |\n|---|---|\n");
    for (const auto& [name, value] : figures_)
        std::printf("| %s | %s |\n", cell(name).c_str(), cell(value).c_str());
    std::printf(
        "\n| fault | what the user sees | time to recover | data lost |\n|---|---|---|---|\n");
    for (const FaultRow& r : faults_)
        std::printf("| %s | %s | %s | %s |\n", cell(r.fault).c_str(), cell(r.userSees).c_str(),
                    cell(r.recovery).c_str(), cell(r.dataLost).c_str());
    std::printf("\n%d checks, %zu failed\n", checks_, failures_.size());
    for (const std::string& k : known_) std::printf("  KNOWN ISSUE: %s\n", k.c_str());
    for (const std::string& f : failures_) std::printf("  FAILED: %s\n", f.c_str());
    std::fflush(stdout);
}

std::string ms(double seconds) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f ms", seconds * 1000.0);
    return text;
}

std::string fixed(double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

} // namespace govox::soak
