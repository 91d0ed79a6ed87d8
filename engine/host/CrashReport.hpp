// CrashReport.hpp - what went wrong in a voice host, read from what it printed.
//
// A Go panic prints "panic: <message>" (and for a nil dereference a "[signal SIGSEGV ...]"
// line), then "goroutine N [running]:" and the stack. The runtime's own failures print
// "fatal error: <message>" (out of memory, deadlock). The SDK and govox-voicehost print
// lines starting "govox sdk:" and "govox-voicehost:". This extracts the one line a user
// should read first and the stack that goes with it.
//
// Threads: any; a pure function of the text.
#pragma once

#include <string>

namespace govox::host {

struct CrashReport {
    std::string summary; // "panic: runtime error: index out of range [5] with length 3"
    std::string stack;   // the panicking goroutine's trace, at most ~60 lines; may be empty
};

CrashReport parseCrashOutput(const std::string& output);

} // namespace govox::host
