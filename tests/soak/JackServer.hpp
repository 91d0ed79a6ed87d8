// JackServer.hpp - the soak's private jackd (dummy driver, real-time where allowed) that
// a fault can kill with SIGKILL and start again under the same name.
//
// Aims
// - Like tests/backend/JackTestServer, but restartable: the JACK fault needs the server
//   to die the hard way (no goodbye to its clients) and come back where Govox's clients
//   look for it. The name is fixed for the object's life and JACK_DEFAULT_SERVER points
//   the whole process at it.
// - Blame for xruns: jackd names the clients that were "not finished" when a cycle ran
//   late, and whether each was running or still waiting to start. The soak's own clients
//   do next to nothing: how often they are caught running is how often the machine (other
//   processes, the hypervisor) takes the CPU mid-cycle, the yardstick for how often
//   Govox's clients are. The log is appended across restarts, so the counts cover the
//   whole run.
//
// Threads: one control thread. Create it before other threads start (it sets
// environment variables).
#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace govox::soak {

class JackServer {
public:
    JackServer(std::uint32_t sampleRate, std::uint32_t periodFrames);
    ~JackServer(); // SIGTERM, SIGKILL after five seconds; always reaped
    JackServer(const JackServer&) = delete;
    JackServer& operator=(const JackServer&) = delete;

    // Starts jackd and waits (10 s at most) until it accepts clients; empty or why not.
    std::string start();
    // SIGKILL and reap: the server vanishes without telling its clients.
    void kill();
    bool running() const { return pid_ > 0; }
    const std::string& name() const { return name_; }
    const std::string& logPath() const { return logPath_; }
    std::string log() const;

    struct XrunReports {
        int total = 0;                        // late cycles
        int driverLate = 0;                   // the dummy driver's timer woke late
        int govoxRunning = 0;                 // a Govox client was caught running at the deadline
        int soakRunning = 0;                  // one of the soak's own (idle) clients was
        std::vector<std::string> govoxCycles; // the first few: the clients named late
    };
    XrunReports xruns() const;

private:
    std::string waitUntilReady();

    std::uint32_t sampleRate_, periodFrames_;
    std::string name_, logPath_;
    pid_t pid_ = -1;
};

} // namespace govox::soak
