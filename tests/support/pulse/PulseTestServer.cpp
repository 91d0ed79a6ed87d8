#include "tests/support/pulse/PulseTestServer.hpp"

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

extern char** environ;

namespace govox::ui::test {
namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

std::string describeExit(int status) {
    if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
    return "stopped";
}

// The test's environment with the server's home and runtime directories replaced, built
// before fork() so that the child only calls async-signal-safe functions.
std::vector<std::string> serverEnvironment(const std::string& dir) {
    const auto replaced = [](const std::string& var) {
        for (const char* prefix : {"HOME=", "XDG_RUNTIME_DIR=", "XDG_CONFIG_HOME=", "PULSE_"})
            if (var.rfind(prefix, 0) == 0) return true;
        return false;
    };
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e)
        if (!replaced(*e)) env.push_back(*e);
    env.push_back("HOME=" + dir + "/home");
    env.push_back("XDG_RUNTIME_DIR=" + dir + "/run");
    env.push_back("XDG_CONFIG_HOME=" + dir + "/config");
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (std::string& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

} // namespace

std::string findInPath(const std::string& program) {
    const char* env = std::getenv("PATH");
    std::stringstream dirs(env != nullptr ? env : "/usr/local/bin:/usr/bin:/bin");
    for (std::string d; std::getline(dirs, d, ':');) {
        const std::string candidate = (d.empty() ? "." : d) + "/" + program;
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return {};
}

PulseTestServer::PulseTestServer(std::uint32_t sampleRate) {
    std::string pattern = (fs::temp_directory_path() / "govox-pulse-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        error_ = "cannot create a temporary directory: " + std::string(std::strerror(errno));
        return;
    }
    dir_ = pattern;
    for (const char* sub : {"run", "home", "config"}) fs::create_directories(fs::path(dir_) / sub);
    logPath_ = dir_ + "/pulseaudio.log";
    address_ = "unix:" + dir_ + "/native";
    if (const char* old = std::getenv("PULSE_SERVER")) {
        hadServer_ = true;
        savedServer_ = old;
    }
    setenv("PULSE_SERVER", address_.c_str(), 1);
    error_ = spawn(sampleRate);
    if (error_.empty()) error_ = waitUntilReady();
}

std::string PulseTestServer::spawn(std::uint32_t sampleRate) {
    const std::string pulseaudio = findInPath("pulseaudio");
    if (pulseaudio.empty())
        return "pulseaudio not found in PATH: this test needs the pulseaudio and "
               "pulseaudio-utils packages, which the setup script in packaging/ installs";
    const std::string rate = std::to_string(sampleRate);
    // Real-time scheduling where allowed (root, or an rtprio limit), as a desktop's server
    // gets it through rtkit: at normal priority a busy machine makes the server itself late.
    std::vector<std::string> args = {
        pulseaudio,
        "-n",
        "--daemonize=no",
        "--exit-idle-time=-1",
        "--use-pid-file=false",
        "--system=false",
        "--realtime=true",
        "--high-priority=true",
        "--log-target=stderr",
        "--log-level=warning",
        "-L",
        std::string("module-null-sink sink_name=") + kSink + " rate=" + rate +
            " format=float32le channels=2 sink_properties=device.description=" + kSinkDescription,
        "-L",
        "module-native-protocol-unix auth-anonymous=1 socket=" + dir_ + "/native"};
    std::vector<std::string> env = serverEnvironment(dir_);
    std::vector<char*> argv = pointers(args), envp = pointers(env);
    const int log = open(logPath_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (log < 0) return "cannot create " + logPath_ + ": " + std::strerror(errno);
    pid_ = fork();
    if (pid_ == 0) {                      // only async-signal-safe calls until exec
        prctl(PR_SET_PDEATHSIG, SIGTERM); // never outlive the test (a crash, a ctest timeout)
        dup2(log, STDOUT_FILENO);
        dup2(log, STDERR_FILENO);
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    const int forkErrno = errno;
    close(log);
    if (pid_ < 0) return std::string("cannot fork for pulseaudio: ") + std::strerror(forkErrno);
    return {};
}

std::string PulseTestServer::waitUntilReady() {
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return "pulseaudio " + describeExit(status) + " before accepting clients; its " +
                   "output:\n" + log();
        }
        if (pactl("info") == 0) return {};
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return "pulseaudio did not accept clients within 10 s; its output:\n" + log();
}

int PulseTestServer::pactl(const std::string& args, std::string* output) const {
    const std::string command = "pactl --server=" + address_ + " " + args + " 2>&1";
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return -1;
    std::string text;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) text += buffer;
    const int status = pclose(pipe);
    if (output != nullptr) *output = text;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string PulseTestServer::log() const {
    std::ifstream in(logPath_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

PulseTestServer::~PulseTestServer() {
    if (pid_ > 0) {
        kill(pid_, SIGTERM);
        const auto deadline = Clock::now() + std::chrono::seconds(5);
        int status = 0;
        while (waitpid(pid_, &status, WNOHANG) != pid_) {
            if (Clock::now() >= deadline) {
                std::fprintf(stderr, "pulseaudio did not stop on SIGTERM; killing it\n");
                kill(pid_, SIGKILL);
                waitpid(pid_, &status, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    if (hadServer_)
        setenv("PULSE_SERVER", savedServer_.c_str(), 1);
    else
        unsetenv("PULSE_SERVER");
    std::error_code ignored;
    if (!dir_.empty()) fs::remove_all(dir_, ignored);
}

} // namespace govox::ui::test
