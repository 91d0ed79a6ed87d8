// HostProcess.hpp - one govox-voicehost child process: spawn, watch, reap.
//
// Aims
// - The region's memfd goes to the child as descriptor 3, stdout and stderr into one
//   pipe that this object drains (the last 64 KiB are kept: a Go panic's message and
//   stack end up there), stdin is /dev/null and every other descriptor is closed.
// - Every child is reaped: poll() reaps an exited child, the destructor kills and reaps
//   one still running. No zombies, ever.
//
// Threads: one control thread per object.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <sys/types.h>

namespace govox::host {

struct HostLaunch {
    std::string hostBinary; // path of govox-voicehost
    std::string library;    // the voice's c-shared library
    int regionFd = -1;
    std::uint64_t addressSpaceMb = 8192;
    std::uint64_t goMemoryMb = 1024;
};

class HostProcess {
public:
    static constexpr std::size_t kOutputKept = 64 * 1024;

    // Starts the host; null (with error set) when it could not be started at all.
    static std::unique_ptr<HostProcess> spawn(const HostLaunch& launch, std::string& error);
    ~HostProcess(); // kills and reaps a host still running
    HostProcess(const HostProcess&) = delete;
    HostProcess& operator=(const HostProcess&) = delete;

    pid_t pid() const noexcept { return pid_; }
    // Drains the host's output and reaps it if it has exited. True once it has exited.
    bool poll();
    // poll() until the host exits or the deadline passes. True if it exited.
    bool waitExit(std::chrono::milliseconds timeout);
    void kill(int signal);
    bool exited() const noexcept { return exited_; }
    // "exited with status 2", "killed by signal 9 (Killed)", "running".
    std::string describeExit() const;
    bool killedBySignal(int signal) const noexcept;
    const std::string& output() const noexcept { return output_; }

private:
    HostProcess(pid_t pid, int outputFd) noexcept : pid_(pid), outputFd_(outputFd) {}
    void drain();

    pid_t pid_;
    int outputFd_;
    bool exited_ = false;
    int waitStatus_ = 0;
    std::string output_;
};

} // namespace govox::host
