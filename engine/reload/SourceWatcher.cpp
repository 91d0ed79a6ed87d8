#include "engine/reload/SourceWatcher.hpp"

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace govox::reload {

SourceWatcher::~SourceWatcher() {
    stop();
}

bool SourceWatcher::isSourceName(const std::string& name) {
    if (name == "go.mod") return true;
    return name.size() > 3 && name.compare(name.size() - 3, 3, ".go") == 0 && name[0] != '.';
}

std::string SourceWatcher::start(const std::string& dir, Changed changed,
                                 std::chrono::milliseconds quiet) {
    stop();
    inotifyFd_ = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    stopFd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (inotifyFd_ < 0 || stopFd_ < 0) {
        const std::string e = std::strerror(errno);
        stop();
        return "cannot watch " + dir + ": " + e;
    }
    const std::uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
                               IN_DELETE | IN_ATTRIB | IN_ONLYDIR;
    if (inotify_add_watch(inotifyFd_, dir.c_str(), mask) < 0) {
        const std::string e = std::strerror(errno);
        stop();
        return "cannot watch " + dir + ": " + e;
    }
    thread_ = std::thread([this, changed = std::move(changed), quiet] { run(changed, quiet); });
    return {};
}

void SourceWatcher::stop() {
    if (thread_.joinable()) {
        const std::uint64_t one = 1;
        (void)!write(stopFd_, &one, sizeof one);
        thread_.join();
    }
    if (inotifyFd_ >= 0) close(inotifyFd_);
    if (stopFd_ >= 0) close(stopFd_);
    inotifyFd_ = stopFd_ = -1;
}

void SourceWatcher::run(Changed changed, std::chrono::milliseconds quiet) {
    using Clock = std::chrono::steady_clock;
    bool pending = false;
    Clock::time_point firstSeen, lastSeen;
    alignas(inotify_event) char buf[16 * 1024];
    for (;;) {
        int timeout = -1;
        if (pending) {
            const auto left = quiet - std::chrono::duration_cast<std::chrono::milliseconds>(
                                          Clock::now() - lastSeen);
            timeout = static_cast<int>(std::max<long long>(0, left.count()));
        }
        pollfd fds[2] = {{inotifyFd_, POLLIN, 0}, {stopFd_, POLLIN, 0}};
        const int ready = poll(fds, 2, timeout);
        if (ready < 0 && errno != EINTR) return;
        if (fds[1].revents != 0) return;
        if (fds[0].revents & POLLIN) {
            for (ssize_t n; (n = read(inotifyFd_, buf, sizeof buf)) > 0;) {
                for (char* p = buf; p < buf + n;) {
                    const auto* e = reinterpret_cast<const inotify_event*>(p);
                    p += sizeof(inotify_event) + e->len;
                    if (e->len == 0 || !isSourceName(e->name)) continue;
                    lastSeen = Clock::now();
                    if (!pending) firstSeen = lastSeen;
                    pending = true;
                }
            }
        }
        if (pending && Clock::now() - lastSeen >= quiet) {
            pending = false;
            changed(firstSeen);
        }
    }
}

} // namespace govox::reload
