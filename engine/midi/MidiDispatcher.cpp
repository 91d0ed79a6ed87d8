#include "engine/midi/MidiDispatcher.hpp"

#include <algorithm>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace govox::midi {

void MidiDispatcher::PortQueue::push(const std::uint8_t* bytes, std::size_t size) noexcept {
    owner_.received_.fetch_add(1, std::memory_order_relaxed);
    if (size == 0 || size > 3) return; // channel messages only; SysEx is filtered before us
    Message m;
    m.size = static_cast<std::uint8_t>(size);
    std::copy(bytes, bytes + size, m.bytes.begin());
    if (!queue_.push(m)) {
        owner_.dropped_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    const std::uint64_t one = 1;
    (void)!write(owner_.wakeFd_, &one, sizeof one); // never blocks: an eventfd counter
}

MidiDispatcher::MidiDispatcher(MidiSink& sink) : sink_(sink) {
    wakeFd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    thread_ = std::thread([this] { run(); });
}

MidiDispatcher::~MidiDispatcher() {
    quit_ = true;
    const std::uint64_t one = 1;
    (void)!write(wakeFd_, &one, sizeof one);
    thread_.join();
    close(wakeFd_);
}

MidiDispatcher::PortQueue* MidiDispatcher::addPort() {
    std::lock_guard lock(portsMutex_);
    ports_.push_back(std::make_unique<PortQueue>(*this));
    return ports_.back().get();
}

void MidiDispatcher::removePort(PortQueue* port) {
    std::lock_guard lock(portsMutex_);
    std::erase_if(ports_, [&](const std::unique_ptr<PortQueue>& p) { return p.get() == port; });
}

void MidiDispatcher::run() {
    while (!quit_) {
        pollfd p{wakeFd_, POLLIN, 0};
        if (poll(&p, 1, 1000) <= 0) continue;
        std::uint64_t count;
        (void)!read(wakeFd_, &count, sizeof count);
        drain();
    }
}

void MidiDispatcher::drain() {
    std::lock_guard lock(portsMutex_);
    Message m;
    for (auto& port : ports_)
        while (port->queue_.pop(m)) decodeMessage(m.bytes.data(), m.size, sink_);
}

} // namespace govox::midi
