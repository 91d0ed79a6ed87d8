#include "tests/support/load/MachineLoad.hpp"

#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <unistd.h>

namespace govox::bench {
namespace {

double ticksToSeconds(unsigned long long ticks) {
    return static_cast<double>(ticks) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

double seconds(const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
}

} // namespace

double machineBusySeconds() {
    std::ifstream in("/proc/stat");
    std::string cpu;
    unsigned long long v[8] = {}; // user nice system idle iowait irq softirq steal
    in >> cpu;
    for (auto& x : v) in >> x;
    return ticksToSeconds(v[0] + v[1] + v[2] + v[5] + v[6] + v[7]);
}

double processCpuSeconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!std::getline(in, line)) return 0;
    const auto close = line.rfind(')'); // the command name may hold spaces
    if (close == std::string::npos) return 0;
    std::istringstream fields(line.substr(close + 2));
    std::string skip;
    for (int i = 3; i < 14; ++i) fields >> skip; // state .. cmajflt: fields 3 to 13
    unsigned long long user = 0, system = 0;
    fields >> user >> system;
    return ticksToSeconds(user + system);
}

double selfAndChildrenCpuSeconds() {
    rusage self{}, children{};
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &children);
    return seconds(self.ru_utime) + seconds(self.ru_stime) + seconds(children.ru_utime) +
           seconds(children.ru_stime);
}

} // namespace govox::bench
