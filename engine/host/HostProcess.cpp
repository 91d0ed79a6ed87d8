#include "engine/host/HostProcess.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace govox::host {
namespace {

constexpr int kRegionFdInChild = 3;

std::string errnoText(const char* what, int err) {
    return std::string(what) + ": " + std::strerror(err);
}

} // namespace

std::unique_ptr<HostProcess> HostProcess::spawn(const HostLaunch& launch, std::string& error) {
    int pipeFds[2];
    if (pipe2(pipeFds, O_CLOEXEC) != 0) {
        error = errnoText("cannot start the voice host (pipe)", errno);
        return nullptr;
    }
    // dup2 onto itself would keep close-on-exec set: move the region out of the way.
    int regionFd = launch.regionFd;
    int movedFd = -1;
    if (regionFd == kRegionFdInChild) regionFd = movedFd = fcntl(regionFd, F_DUPFD_CLOEXEC, 10);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 2);
    posix_spawn_file_actions_adddup2(&actions, regionFd, kRegionFdInChild);
    posix_spawn_file_actions_addclosefrom_np(&actions, kRegionFdInChild + 1);

    const std::vector<std::string> args{launch.hostBinary,
                                        "--fd",
                                        std::to_string(kRegionFdInChild),
                                        "--library",
                                        launch.library,
                                        "--address-space-mb",
                                        std::to_string(launch.addressSpaceMb),
                                        "--go-memory-mb",
                                        std::to_string(launch.goMemoryMb)};
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);

    pid_t pid = -1;
    const int rc =
        posix_spawn(&pid, launch.hostBinary.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    if (movedFd >= 0) close(movedFd);
    if (rc != 0) {
        close(pipeFds[0]);
        error = errnoText(("cannot start the voice host " + launch.hostBinary).c_str(), rc);
        return nullptr;
    }
    fcntl(pipeFds[0], F_SETFL, O_NONBLOCK);
    return std::unique_ptr<HostProcess>(new HostProcess(pid, pipeFds[0]));
}

HostProcess::~HostProcess() {
    if (!exited_) {
        ::kill(pid_, SIGKILL);
        waitExit(std::chrono::seconds(5));
        if (!exited_) waitpid(pid_, &waitStatus_, 0); // SIGKILL cannot be refused
    }
    close(outputFd_);
}

void HostProcess::drain() {
    char buf[4096];
    for (;;) {
        const ssize_t n = read(outputFd_, buf, sizeof buf);
        if (n <= 0) break;
        output_.append(buf, static_cast<std::size_t>(n));
    }
    if (output_.size() > kOutputKept) output_.erase(0, output_.size() - kOutputKept);
}

bool HostProcess::poll() {
    drain();
    if (exited_) return true;
    if (waitpid(pid_, &waitStatus_, WNOHANG) == pid_) {
        exited_ = true;
        drain(); // what it wrote just before dying
    }
    return exited_;
}

bool HostProcess::waitExit(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!poll()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
}

void HostProcess::kill(int signal) {
    if (!exited_) ::kill(pid_, signal);
}

bool HostProcess::killedBySignal(int signal) const noexcept {
    return exited_ && WIFSIGNALED(waitStatus_) && WTERMSIG(waitStatus_) == signal;
}

std::string HostProcess::describeExit() const {
    if (!exited_) return "running";
    if (WIFEXITED(waitStatus_))
        return "exited with status " + std::to_string(WEXITSTATUS(waitStatus_));
    if (WIFSIGNALED(waitStatus_)) {
        const int sig = WTERMSIG(waitStatus_);
        return "killed by signal " + std::to_string(sig) + " (" + strsignal(sig) + ")";
    }
    return "ended";
}

} // namespace govox::host
