// JackXruns.hpp - blame for late JACK cycles, read from the private jackd's log.
//
// Aims
// - jackd names the clients that were "not finished" when a cycle ran late, and whether
//   each was running or still waiting to start; a cycle whose timer woke late (the
//   dummy driver's "Process XRun") is the machine's, not a client's. A test's own idle
//   clients do next to nothing: how often they are caught running is how often the
//   machine (other processes, the hypervisor) takes the CPU mid-cycle, the yardstick for
//   how often Govox's clients are.
// - A cycle whose driver woke late is a stall of the whole machine (a VM's vCPUs stopped):
//   whoever was running then is caught through no fault of its own, so it is counted
//   apart (govoxInStall) and not against Govox. One CI run failed the soak on 4 such
//   cycles out of 10 late ones, 7 of them with the driver late.
// - So is a cycle in which one of the test's idle clients finished after the deadline: it
//   finished while a Govox client was still running, so it did not wait for Govox; it
//   started late itself (seen on a shared VM: the idle "keys" client late, Govox's stream
//   caught running in the same cycle, driver late two cycles before and after).
// - The server's log is kept across its restarts (JackTestServer), so the counts cover
//   the whole run; a test compares two readings.
//
// Threads: any; reads a file.
#pragma once

#include <string>
#include <vector>

namespace govox::backend::test {

struct XrunReports {
    int total = 0;        // late cycles
    int driverLate = 0;   // the dummy driver's timer woke late
    int govoxRunning = 0; // a Govox client was caught running at the deadline, the driver on time
    int soakRunning = 0;  // one of the test's own (idle) clients was, the driver on time
    int govoxInStall = 0; // a Govox client was caught running in a cycle the driver woke late
    // xrun callbacks jackd sent to every client: one per client line of a late cycle (a
    // client not finished, or finished after the deadline), so a late cycle that caught three
    // clients gives each client three callbacks (JackEngine::CheckXRun in jack2), and one
    // for the driver's late wake-up (JackTimedDriver::ProcessWait).
    int notices = 0;
    std::vector<std::string> govoxCycles; // the first few: the clients named late
};

// Which clients are whose, by the start of their JACK names.
struct XrunClients {
    std::string govox = "Govox"; // Govox's audio stream and its JACK MIDI input ("Govox-01")
    std::string idle = "soak-";  // the test's own clients that do next to nothing
};

// Counts the late cycles jackd reported in `log` (its output so far).
XrunReports countXruns(const std::string& log, const XrunClients& clients = {});

} // namespace govox::backend::test
