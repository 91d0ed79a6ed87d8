// ProcessRunner.hpp - runs a program to completion and collects what it printed.
//
// Threads: any non-real-time thread; blocks until the program exits.
#pragma once

#include <atomic>
#include <string>
#include <vector>

namespace govox::build {

struct ProcessOutput {
    bool started = false;
    int exitCode = -1;  // -1 when killed by a signal
    std::string output; // stdout and stderr, interleaved as written
    std::string error;  // why it could not start
};

// argv[0] is looked up on PATH. env entries ("NAME=value") are added to this process's
// environment. cwd empty: the current directory. When *cancel becomes true the program
// and everything it started (its process group) are killed; exitCode is then -1.
ProcessOutput runProcess(const std::vector<std::string>& argv, const std::string& cwd,
                         const std::vector<std::string>& env = {},
                         const std::atomic<bool>* cancel = nullptr);

} // namespace govox::build
