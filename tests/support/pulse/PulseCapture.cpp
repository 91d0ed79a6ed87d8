#include "tests/support/pulse/PulseCapture.hpp"

#include "tests/support/pulse/PulseTestServer.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace govox::ui::test {
namespace {

using Clock = std::chrono::steady_clock;

bool waitExit(pid_t pid, std::chrono::milliseconds limit) {
    const auto deadline = Clock::now() + limit;
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) != pid) {
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

} // namespace

PulseCapture::PulseCapture(const std::string& address, const std::string& source,
                           std::uint32_t sampleRate, const std::string& path)
    : path_(path) {
    const std::string parec = findInPath("parec");
    if (parec.empty()) {
        error_ = "parec not found in PATH: install pulseaudio-utils (packaging/setup-debian.sh)";
        return;
    }
    std::vector<std::string> args = {parec,
                                     "--server=" + address,
                                     "--device=" + source,
                                     "--format=float32le",
                                     "--channels=2",
                                     "--rate=" + std::to_string(sampleRate),
                                     "--raw",
                                     "--latency-msec=10"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int out = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0) {
        error_ = "cannot create " + path + ": " + std::strerror(errno);
        return;
    }
    pid_ = fork();
    if (pid_ == 0) {
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        dup2(out, STDOUT_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out);
    if (pid_ < 0) {
        error_ = "cannot fork for parec";
        return;
    }
    // The monitor delivers silence while nothing plays: bytes in the file mean recording.
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (fileSize() == 0) {
        if (Clock::now() >= deadline) {
            error_ = "parec recorded nothing within 10 s";
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

PulseCapture::~PulseCapture() {
    if (pid_ <= 0) return;
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
}

std::uintmax_t PulseCapture::fileSize() const {
    std::error_code ignored;
    const auto size = std::filesystem::file_size(path_, ignored);
    return ignored ? 0 : size;
}

std::string PulseCapture::stop() {
    if (pid_ <= 0) return error_.empty() ? "parec is not running" : error_;
    kill(pid_, SIGINT);
    if (!waitExit(pid_, std::chrono::seconds(5))) {
        kill(pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
    std::ifstream in(path_, std::ios::binary);
    std::vector<float> frame(2);
    while (in.read(reinterpret_cast<char*>(frame.data()), 2 * sizeof(float))) {
        left_.push_back(frame[0]);
        right_.push_back(frame[1]);
    }
    return left_.empty() ? "parec recorded nothing" : "";
}

} // namespace govox::ui::test
