// PlayProcess.hpp - `govox play` run as a user runs it in a terminal: its own process, its
// output (stdout and stderr merged) read as it comes, stopped with SIGTERM like Ctrl-C.
//
// Threads: the test's thread.
#pragma once

#include <QProcess>
#include <QStringList>

#include <chrono>
#include <string>

namespace govox::app::test {

class PlayProcess {
public:
    // `govox play` with `args`, its build cache in `cacheDir`. The fallback, should JACK be
    // gone, is the silent null output, never a desktop's sound server.
    PlayProcess(const QString& cacheDir, const QStringList& args);
    ~PlayProcess();
    PlayProcess(const PlayProcess&) = delete;
    PlayProcess& operator=(const PlayProcess&) = delete;

    // Waits until the output after `from` holds `text`; where it ends, or npos.
    std::size_t waitFor(const std::string& text, std::size_t from, double seconds);
    bool running() const { return process_.state() == QProcess::Running; }
    const std::string& output() const { return output_; }

private:
    QProcess process_;
    std::string output_;
};

} // namespace govox::app::test
