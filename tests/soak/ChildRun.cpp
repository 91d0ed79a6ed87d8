// A phase that may crash the app runs in a child govox_soak, so that the run survives to
// report it: the child's check and fault lines become the parent's, its death by a signal
// a check of its own.
#include "Phases.hpp"
#include "Waiting.hpp"

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace govox::soak {
namespace {

bool startsWith(const std::string& s, const char* prefix) {
    return s.rfind(prefix, 0) == 0;
}

std::vector<std::string> split(const std::string& s, const std::string& by) {
    std::vector<std::string> parts;
    std::size_t from = 0;
    for (std::size_t at; (at = s.find(by, from)) != std::string::npos; from = at + by.size())
        parts.push_back(s.substr(from, at - from));
    parts.push_back(s.substr(from));
    return parts;
}

// Takes one line of the child's output into the report; returns the check it was, if any.
std::string adopt(const std::string& line, Report& report, std::vector<std::string>& leftovers) {
    if (startsWith(line, "[ ok ] ")) {
        report.check(true, line.substr(7));
        return line.substr(7);
    }
    if (startsWith(line, "[FAIL] ")) {
        report.check(false, line.substr(7));
        return line.substr(7);
    }
    if (startsWith(line, "[KNOWN] ")) {
        report.known(false, line.substr(8));
        return line.substr(8);
    }
    if (startsWith(line, "[leftover] ")) {
        leftovers.push_back(line.substr(11));
        return {};
    }
    if (startsWith(line, "[ fault  ] ")) {
        const std::vector<std::string> f = split(line.substr(11), " | ");
        if (f.size() == 4) report.fault({f[0], f[1], f[2], f[3]});
        return {};
    }
    std::printf("%s\n", line.c_str());
    return {};
}

} // namespace

void runInChild(const std::string& self, const std::vector<std::string>& args, double seconds,
                Report& report, const std::string& crashCheck, bool crashKnown) {
    int out[2];
    if (pipe2(out, O_CLOEXEC) != 0) {
        report.check(false, crashCheck, "cannot make a pipe");
        return;
    }
    std::vector<std::string> all = {self};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        dup2(out[1], STDOUT_FILENO);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    std::string pending, lastCheck = "(none)";
    std::vector<std::string> leftovers; // the child's work folder and jackd log
    const double deadline = now() + seconds;
    for (;;) {
        pollfd p{out[0], POLLIN, 0};
        if (now() > deadline) {
            kill(pid, SIGKILL);
            report.check(false, crashCheck, "the child ran over " + fixed(seconds, 0) + " s");
            break;
        }
        if (poll(&p, 1, 200) <= 0) continue;
        char buffer[4096];
        const ssize_t n = read(out[0], buffer, sizeof buffer);
        if (n <= 0) break;
        pending.append(buffer, std::size_t(n));
        for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos;
             pending.erase(0, nl + 1))
            if (std::string check = adopt(pending.substr(0, nl), report, leftovers); !check.empty())
                lastCheck = check;
    }
    close(out[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    for (const std::string& path : leftovers) {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    if (WIFSIGNALED(status)) {
        const std::string why = "the app died of signal " + std::to_string(WTERMSIG(status)) +
                                " (" + strsignal(WTERMSIG(status)) + ") after: " + lastCheck;
        if (crashKnown)
            report.known(false, crashCheck, why);
        else
            report.check(false, crashCheck, why);
    } else if (crashKnown) {
        report.known(true, crashCheck, "exit status " + std::to_string(WEXITSTATUS(status)));
    } else {
        report.check(WEXITSTATUS(status) == 0, crashCheck,
                     "exit status " + std::to_string(WEXITSTATUS(status)));
    }
}

} // namespace govox::soak
