#include "tests/support/jack/JackTestServer.hpp"

#include <jack/jack.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace govox::backend::test {
namespace {

using Clock = std::chrono::steady_clock;

std::string findInPath(const std::string& program) {
    const char* env = std::getenv("PATH");
    std::stringstream dirs(env != nullptr ? env : "/usr/local/bin:/usr/bin:/bin");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const std::string candidate = (dir.empty() ? "." : dir) + "/" + program;
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return {};
}

// libjack reports every failed connection attempt; while polling those are expected.
void quiet(const char*) {}
void toStderr(const char* message) {
    std::fprintf(stderr, "jack: %s\n", message);
}

std::string describeExit(int status) {
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
    return "stopped";
}

} // namespace

JackTestServer::JackTestServer(std::uint32_t sampleRate, std::uint32_t periodFrames,
                               JackScheduling scheduling)
    : sampleRate_(sampleRate), periodFrames_(periodFrames), scheduling_(scheduling) {
    static int counter = 0;
    name_ = "govox-test-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
    logPath_ = (std::filesystem::temp_directory_path() / (name_ + ".log")).string();
    setenv("JACK_DEFAULT_SERVER", name_.c_str(), 1);
    setenv("JACK_NO_START_SERVER", "1", 1);   // only ever the server started here
    std::ofstream(logPath_, std::ios::trunc); // one log for the object's life, restarts too
    error_ = spawn(sampleRate, periodFrames, scheduling);
    if (error_.empty()) error_ = waitUntilReady();
}

std::string JackTestServer::spawn(std::uint32_t sampleRate, std::uint32_t periodFrames,
                                  JackScheduling scheduling) {
    const std::string jackd = findInPath("jackd");
    if (jackd.empty())
        return "jackd not found in PATH: this test needs jackd2, which the setup script in "
               "packaging/ installs";
    std::vector<std::string> args = {jackd};
    if (scheduling == JackScheduling::RealTime)
        args.insert(args.end(), {"-R", "-P", "70"});
    else
        args.push_back("--no-realtime");
    args.insert(args.end(), {"-n", name_, "-d", "dummy", "-r", std::to_string(sampleRate), "-p",
                             std::to_string(periodFrames)});
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int log = open(logPath_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) return "cannot create " + logPath_ + ": " + std::strerror(errno);
    pid_ = fork();
    if (pid_ == 0) { // only async-signal-safe calls until exec
        // If the test process dies (a crash, a ctest timeout) jackd must not outlive it.
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        dup2(log, STDOUT_FILENO);
        dup2(log, STDERR_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    const int forkErrno = errno;
    close(log);
    if (pid_ < 0) return std::string("cannot fork for jackd: ") + std::strerror(forkErrno);
    return {};
}

std::string JackTestServer::waitUntilReady() {
    jack_set_error_function(quiet);
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    std::string result = "jackd did not accept clients within 10 s";
    while (Clock::now() < deadline) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            result = "jackd " + describeExit(status) + " before accepting clients";
            break;
        }
        jack_status_t jackStatus{};
        jack_client_t* probe = jack_client_open("govox-test-probe", JackNoStartServer, &jackStatus);
        if (probe != nullptr) {
            jack_client_close(probe);
            result.clear();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    jack_set_error_function(toStderr);
    return result.empty() ? result : result + "; its output:\n" + log();
}

std::string JackTestServer::log() const {
    std::ifstream in(logPath_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

void JackTestServer::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

std::string JackTestServer::restart() {
    if (pid_ > 0) return "jackd is still running";
    std::string error = spawn(sampleRate_, periodFrames_, scheduling_);
    return error.empty() ? waitUntilReady() : error;
}

JackTestServer::~JackTestServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        const auto deadline = Clock::now() + std::chrono::seconds(5);
        int status = 0;
        while (waitpid(pid_, &status, WNOHANG) != pid_) {
            if (Clock::now() >= deadline) {
                std::fprintf(stderr, "jackd did not stop on SIGTERM; killing it\n");
                ::kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    unlink(logPath_.c_str());
}

} // namespace govox::backend::test
