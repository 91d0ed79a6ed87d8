#include "JackServer.hpp"

#include <jack/jack.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace govox::soak {
namespace {

using Clock = std::chrono::steady_clock;

// libjack reports every failed connection attempt; while polling those are expected.
void quiet(const char*) {}
void toStderr(const char* message) {
    std::fprintf(stderr, "jack: %s\n", message);
}

} // namespace

JackServer::JackServer(std::uint32_t sampleRate, std::uint32_t periodFrames)
    : sampleRate_(sampleRate), periodFrames_(periodFrames),
      name_("govox-soak-" + std::to_string(getpid())),
      logPath_((std::filesystem::temp_directory_path() / (name_ + ".log")).string()) {
    setenv("JACK_DEFAULT_SERVER", name_.c_str(), 1);
    setenv("JACK_NO_START_SERVER", "1", 1); // only ever the server started here
    std::ofstream(logPath_, std::ios::trunc);
}

std::string JackServer::start() {
    if (pid_ > 0) return {};
    // -R -P 70 as a musician's server runs; jackd falls back to normal scheduling where
    // real-time priority is not allowed.
    std::vector<std::string> args = {"jackd", "-R",
                                     "-P",    "70",
                                     "-n",    name_,
                                     "-d",    "dummy",
                                     "-r",    std::to_string(sampleRate_),
                                     "-p",    std::to_string(periodFrames_)};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int log = open(logPath_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) return "cannot open " + logPath_ + ": " + std::strerror(errno);
    pid_ = fork();
    if (pid_ == 0) {                      // only async-signal-safe calls until exec
        prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive the soak (a crash, a timeout)
        dup2(log, STDOUT_FILENO);
        dup2(log, STDERR_FILENO);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    close(log);
    if (pid_ < 0) return std::string("cannot fork for jackd: ") + std::strerror(errno);
    return waitUntilReady();
}

std::string JackServer::waitUntilReady() {
    jack_set_error_function(quiet);
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    std::string result = "jackd did not accept clients within 10 s";
    while (Clock::now() < deadline) {
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            result = "jackd ended before accepting clients (is jackd2 installed?)";
            break;
        }
        jack_status_t jackStatus{};
        if (jack_client_t* probe = jack_client_open("soak-probe", JackNoStartServer, &jackStatus)) {
            jack_client_close(probe);
            result.clear();
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    jack_set_error_function(toStderr);
    return result.empty() ? result : result + "; its output:\n" + log();
}

void JackServer::kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
}

JackServer::~JackServer() {
    if (pid_ > 0) {
        ::kill(pid_, SIGTERM);
        const auto deadline = Clock::now() + std::chrono::seconds(5);
        while (waitpid(pid_, nullptr, WNOHANG) != pid_) {
            if (Clock::now() >= deadline) {
                kill();
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    unlink(logPath_.c_str());
}

std::string JackServer::log() const {
    std::ifstream in(logPath_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// jackd reports a late cycle as lines naming each client that was not finished, with its
// state: Running (executing at the deadline) or Triggered (not started yet: its thread was
// not scheduled, or a client before it was late). A late driver wake-up comes first as a
// line of its own.
JackServer::XrunReports JackServer::xruns() const {
    XrunReports r;
    std::ifstream in(logPath_);
    bool open = false, govox = false, soak = false;
    std::string named;
    const auto close = [&] {
        if (!open) return;
        ++r.total;
        r.govoxRunning += govox;
        r.soakRunning += soak;
        if (govox && r.govoxCycles.size() < 8) r.govoxCycles.push_back(named);
        open = govox = soak = false;
        named.clear();
    };
    const std::string tag = "XRun: client = ";
    for (std::string line; std::getline(in, line);) {
        const auto at = line.find(tag);
        if (line.find("Process XRun = ") != std::string::npos) {
            close();
            ++r.driverLate;
            open = true;
        } else if (at != std::string::npos && line.find("was not finished") != std::string::npos) {
            open = true;
            const std::size_t from = at + tag.size(), to = line.find(' ', from);
            const std::string client = line.substr(from, to - from);
            const bool running = line.find("state = Running") != std::string::npos;
            // Govox's clients: its audio stream "Govox" and its JACK MIDI input, one client
            // (JackMidiClient) that JACK names "Govox-01" when the audio has "Govox".
            govox |= running && client.rfind("Govox", 0) == 0;
            soak |= running && client.rfind("soak-", 0) == 0;
            named += (named.empty() ? "" : ", ") + client + (running ? " running" : " waiting");
        } else {
            close();
        }
    }
    close();
    return r;
}

} // namespace govox::soak
