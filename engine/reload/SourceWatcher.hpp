// SourceWatcher.hpp - notices when a voice's Go source changes, however it was saved.
//
// Aims
// - inotify on the voice's folder (not on the files): editors that save by writing a
//   new file and renaming it over the old one (vim, VS Code, most IDEs) replace the
//   inode a per-file watch would follow. Closing a file written in place, a rename into
//   the folder, a new file and a deletion all count, for *.go files and go.mod.
// - Changes are debounced: a save that touches several files, or an editor that writes
//   twice, becomes one change, reported `quiet` after the last event.
//
// Threads: a watcher thread of its own; the callback runs on it.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace govox::reload {

class SourceWatcher {
public:
    // Called once per debounced change with the time the first event of it was seen.
    using Changed = std::function<void(std::chrono::steady_clock::time_point firstSeen)>;

    SourceWatcher() = default;
    ~SourceWatcher();
    SourceWatcher(const SourceWatcher&) = delete;
    SourceWatcher& operator=(const SourceWatcher&) = delete;

    // Starts watching `dir`; an error names the folder and the cause.
    std::string start(const std::string& dir, Changed changed,
                      std::chrono::milliseconds quiet = std::chrono::milliseconds(120));
    void stop();

    // True for the files whose change means a rebuild: *.go and go.mod.
    static bool isSourceName(const std::string& name);

private:
    void run(Changed changed, std::chrono::milliseconds quiet);

    int inotifyFd_ = -1;
    int stopFd_ = -1; // an eventfd that wakes the thread to stop
    std::thread thread_;
};

} // namespace govox::reload
