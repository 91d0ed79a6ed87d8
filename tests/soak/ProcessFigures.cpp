#include "ProcessFigures.hpp"

#include "tests/support/load/MachineLoad.hpp"

#include <algorithm>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace govox::soak {
namespace {

int countEntries(const std::string& dir) {
    DIR* d = opendir(dir.c_str());
    if (!d) return 0;
    int n = 0;
    while (const dirent* e = readdir(d))
        if (e->d_name[0] != '.') ++n;
    closedir(d);
    return n;
}

long statusKb(const std::string& path, const std::string& key) {
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);)
        if (line.rfind(key, 0) == 0) return std::stol(line.substr(key.size()));
    return 0;
}

struct Stat {
    std::string comm;
    char state = '?';
    pid_t ppid = 0;
};

bool readStat(const std::string& pid, Stat& out) {
    std::ifstream in("/proc/" + pid + "/stat");
    std::string line;
    if (!std::getline(in, line)) return false;
    const auto open = line.find('('), close = line.rfind(')'); // names may hold spaces
    if (open == std::string::npos || close == std::string::npos || close + 4 > line.size())
        return false;
    out.comm = line.substr(open + 1, close - open - 1);
    std::istringstream rest(line.substr(close + 2));
    rest >> out.state >> out.ppid;
    return true;
}

// Calls `each` with the pid and stat of every child of this process.
template <class Each>
void forEachChild(Each each) {
    const pid_t self = getpid();
    DIR* proc = opendir("/proc");
    while (const dirent* e = proc ? readdir(proc) : nullptr) {
        const std::string name = e->d_name;
        if (name.empty() ||
            !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        Stat st;
        if (readStat(name, st) && st.ppid == self) each(name, st);
    }
    if (proc) closedir(proc);
}

} // namespace

double ourCpuSeconds() {
    double live = 0;
    forEachChild([&](const std::string& pid, const Stat&) {
        live += bench::processCpuSeconds(std::stoi(pid));
    });
    return bench::selfAndChildrenCpuSeconds() + live;
}

ProcessSample sampleProcess(double at) {
    ProcessSample s;
    s.at = at;
    s.rssKb = statusKb("/proc/self/status", "VmRSS:");
    s.threads = static_cast<int>(statusKb("/proc/self/status", "Threads:"));
    s.fds = countEntries("/proc/self/fd");
    std::ifstream maps("/proc/self/maps");
    for (std::string line; std::getline(maps, line);)
        if (line.find("/memfd:govox-voices") != std::string::npos) ++s.regions;
    forEachChild([&](const std::string& pid, const Stat& st) {
        if (st.state == 'Z') {
            ++s.zombies;
        } else if (st.comm.rfind("govox-voiceho", 0) == 0) { // comm is cut at 15 characters
            ++s.hosts;
            s.hostRssKb += statusKb("/proc/" + pid + "/status", "VmRSS:");
        }
    });
    return s;
}

namespace {

// Over the samples taken at or after `warmup` seconds.
template <class T>
Trend::Span spanOf(const std::vector<ProcessSample>& samples, T ProcessSample::* figure,
                   double warmup) {
    Trend::Span r;
    bool first = true;
    for (const ProcessSample& s : samples) {
        if (s.at < warmup) continue;
        const long v = s.*figure;
        if (first) r.start = r.max = v;
        first = false;
        r.end = v;
        r.max = std::max(r.max, v);
    }
    return r;
}

} // namespace

Trend::Span Trend::span(long ProcessSample::* figure, double warmup) const {
    return spanOf(samples_, figure, warmup);
}

Trend::Span Trend::span(int ProcessSample::* figure, double warmup) const {
    return spanOf(samples_, figure, warmup);
}

} // namespace govox::soak
