// Report.hpp - what a soak run found: checks (each passes or fails the run), figures,
// and one row per fault for docs/reliability.md's table.
//
// Every check is printed the moment it is made, so a run killed by a timeout still
// shows how far it got; print() repeats the figures and the fault table as Markdown.
//
// Threads: the control thread.
#pragma once

#include <string>
#include <vector>

namespace govox::soak {

struct FaultRow {
    std::string fault;
    std::string userSees; // the message, as the app shows it
    std::string recovery; // time to recover, and how
    std::string dataLost;
};

class Report {
public:
    // Records and prints one check; returns `ok`.
    bool check(bool ok, const std::string& what, const std::string& detail = {});
    // A check that fails today for a reported reason outside the soak's reach (see
    // docs/reliability.md): printed as KNOWN and listed, but it does not fail the run.
    // Once it passes, the run says so, so that it can become a check.
    bool known(bool ok, const std::string& what, const std::string& detail = {});
    void figure(const std::string& name, const std::string& value);
    void fault(FaultRow row);
    bool passed() const { return failures_.empty(); }
    void print() const;

private:
    std::vector<std::pair<std::string, std::string>> figures_;
    std::vector<FaultRow> faults_;
    std::vector<std::string> failures_;
    std::vector<std::string> known_;
    int checks_ = 0;
};

// "1234 ms" / "1.2 s" / "12 kB" style helpers for the tables.
std::string ms(double seconds);
std::string fixed(double value, int decimals);

} // namespace govox::soak
