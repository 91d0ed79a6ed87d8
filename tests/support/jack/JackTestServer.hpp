// JackTestServer.hpp - a private jackd (dummy driver) for one test, stopped however the
// test ends.
//
// The server gets a name unique to this process and test, and JACK_DEFAULT_SERVER points
// the whole process (RtAudio's clients and the test's own) at it, so tests never touch a
// user's JACK session and parallel runs cannot collide. Readiness is checked by
// connecting a client, polled against a deadline. Not thread-safe: it sets environment
// variables, so create it before the test starts threads.
#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace govox::backend::test {

// How the server schedules its clients' process threads.
enum class JackScheduling {
    RealTime, // -R -P 70, as a musician's server runs: every client's process thread, the
              // tests' own included, gets SCHED_FIFO (jackd falls back to normal scheduling
              // where real-time priority is not allowed)
    Normal    // --no-realtime
};

class JackTestServer {
public:
    // Starts `jackd -n <unique> -d dummy -r <rate> -p <period>` with `scheduling`. Real-time
    // by default: a test client that is not scheduled in time must not make Govox's
    // clients look late, and a real-time test client is late only when the machine is.
    JackTestServer(std::uint32_t sampleRate, std::uint32_t periodFrames,
                   JackScheduling scheduling = JackScheduling::RealTime);
    // SIGTERM, then SIGKILL if it has not exited within five seconds; always reaped.
    ~JackTestServer();
    JackTestServer(const JackTestServer&) = delete;
    JackTestServer& operator=(const JackTestServer&) = delete;

    // Empty once the server accepts clients; otherwise why not (with jackd's output).
    const std::string& error() const { return error_; }
    const std::string& name() const { return name_; }
    // What jackd has printed so far, across restarts (it names late clients when it
    // reports an xrun; tests/soak/JackXruns counts them).
    std::string log() const;

    // The server dies: SIGKILL, no goodbye to its clients. Restart it before the test ends
    // (libjack's registry of servers frees a killed server's entry only when a server of
    // the same name starts again).
    void kill();
    // Starts jackd again under the same name; empty once it accepts clients, or why not.
    // Close this process's clients of the killed server first: libjack's process-wide
    // state would otherwise carry over (the probe that checks readiness is one client).
    std::string restart();

private:
    std::string spawn(std::uint32_t sampleRate, std::uint32_t periodFrames,
                      JackScheduling scheduling);
    std::string waitUntilReady();

    std::string name_;
    std::string logPath_;
    pid_t pid_ = -1;
    std::string error_;
    std::uint32_t sampleRate_ = 0, periodFrames_ = 0;
    JackScheduling scheduling_ = JackScheduling::RealTime;
};

} // namespace govox::backend::test
