#include "tests/support/jack/JackXruns.hpp"

#include <sstream>

namespace govox::backend::test {

// jackd reports a late cycle as lines naming each client that was not finished, with its
// state: Running (executing at the deadline) or Triggered (not started yet: its thread was
// not scheduled, or a client before it was late). A late driver wake-up comes first as a
// line of its own.
XrunReports countXruns(const std::string& log, const XrunClients& clients) {
    XrunReports r;
    std::istringstream in(log);
    bool open = false, stalled = false, govox = false, soak = false;
    std::string named;
    const auto close = [&] {
        if (!open) return;
        ++r.total;
        if (stalled) {
            r.govoxInStall += govox;
        } else {
            r.govoxRunning += govox;
            r.soakRunning += soak;
            if (govox && r.govoxCycles.size() < 8) r.govoxCycles.push_back(named);
        }
        open = stalled = govox = soak = false;
        named.clear();
    };
    const std::string tag = "XRun: client = ";
    for (std::string line; std::getline(in, line);) {
        const auto at = line.find(tag);
        if (line.find("Process XRun = ") != std::string::npos) {
            close();
            ++r.driverLate;
            ++r.notices; // the driver tells every client before it logs the line
            open = stalled = true;
        } else if (at != std::string::npos && line.find("was not finished") != std::string::npos) {
            open = true;
            ++r.notices;
            const std::size_t from = at + tag.size(), to = line.find(' ', from);
            const std::string client = line.substr(from, to - from);
            const bool running = line.find("state = Running") != std::string::npos;
            govox |= running && client.rfind(clients.govox, 0) == 0;
            soak |= running && client.rfind(clients.idle, 0) == 0;
            named += (named.empty() ? "" : ", ") + client + (running ? " running" : " waiting");
        } else if (const auto late = line.find("XRun: client ");
                   late != std::string::npos &&
                   line.find(" finished after current callback") != std::string::npos) {
            // The same cycle: a client that finished, but after the deadline. One of the
            // test's idle clients finishing while a Govox client still runs did not wait for
            // Govox: it started late itself, so the machine stalled and nobody is to blame.
            ++r.notices;
            open = true;
            const std::size_t from = late + std::string("XRun: client ").size();
            stalled |= line.compare(from, clients.idle.size(), clients.idle) == 0;
        } else {
            close();
        }
    }
    close();
    return r;
}

} // namespace govox::backend::test
