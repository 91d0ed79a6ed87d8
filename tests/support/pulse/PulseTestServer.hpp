// PulseTestServer.hpp - a private PulseAudio server for one test process, with one null
// sink, stopped however the test ends.
//
// The server runs from a temporary directory of its own (runtime dir, home, config), with
// no default configuration (-n): only a null sink "govoxtest" (48 kHz float stereo, shown
// as "Govox-Test") and a native-protocol socket in that directory with anonymous access.
// PULSE_SERVER points the whole process at it (RtAudio, Qt Multimedia, pactl, parec), so a
// test never touches the user's session and parallel runs cannot collide. It runs as root
// too: PulseAudio then only warns. Not thread-safe: it sets environment variables, so
// create it before the test starts threads (and, for Qt, before the QCoreApplication).
#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>

namespace govox::ui::test {

class PulseTestServer {
public:
    static constexpr const char* kSink = "govoxtest";
    static constexpr const char* kSinkDescription = "Govox-Test";

    explicit PulseTestServer(std::uint32_t sampleRate = 48000);
    // SIGTERM, then SIGKILL after five seconds; always reaped; the directory removed and
    // PULSE_SERVER restored.
    ~PulseTestServer();
    PulseTestServer(const PulseTestServer&) = delete;
    PulseTestServer& operator=(const PulseTestServer&) = delete;

    // Empty once the server answers; otherwise why not (with its output).
    const std::string& error() const { return error_; }
    const std::string& address() const { return address_; } // "unix:/tmp/.../native"
    const std::string& dir() const { return dir_; }
    std::string log() const;
    // Runs `pactl <args>` against this server; its exit status, output in `output`.
    int pactl(const std::string& args, std::string* output = nullptr) const;

private:
    std::string spawn(std::uint32_t sampleRate);
    std::string waitUntilReady();

    std::string dir_;
    std::string address_;
    std::string logPath_;
    std::string savedServer_;
    bool hadServer_ = false;
    pid_t pid_ = -1;
    std::string error_;
};

// Path of `program` in PATH, or empty.
std::string findInPath(const std::string& program);

} // namespace govox::ui::test
