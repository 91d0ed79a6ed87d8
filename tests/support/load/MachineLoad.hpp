// MachineLoad.hpp - CPU time of the whole machine and of single processes, from /proc.
//
// The benchmark machine's CPUs are shared with other work; a soak or a timing round
// reports how much CPU others took meanwhile, so that a disturbed figure shows as such.
//
// Threads: any; reads /proc files (not for the audio thread).
#pragma once

#include <sys/types.h>

namespace govox::bench {

// Non-idle time of all CPUs since boot, in seconds.
double machineBusySeconds();
// User + system time of process `pid` so far, in seconds; 0 if it cannot be read.
double processCpuSeconds(pid_t pid);
// User + system time of this process and of the children it has waited for, in seconds.
double selfAndChildrenCpuSeconds();

} // namespace govox::bench
