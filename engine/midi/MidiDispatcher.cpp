#include "engine/midi/MidiDispatcher.hpp"

#include <algorithm>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#if defined(__has_feature)
#if __has_feature(realtime_sanitizer)
#include <sanitizer/rtsan_interface.h>
#define GOVOX_RTSAN_ALLOW_THIS_CALL __rtsan::ScopedDisabler rtsanAllow
#endif
#endif
#ifndef GOVOX_RTSAN_ALLOW_THIS_CALL
#define GOVOX_RTSAN_ALLOW_THIS_CALL
#endif

namespace govox::midi {

void MidiDispatcher::PortQueue::push(const std::uint8_t* bytes, std::size_t size,
                                     const rt::EventTime& at) noexcept GOVOX_NONBLOCKING {
    owner_.received_.fetch_add(1, std::memory_order_relaxed);
    if (size == 0 || size > 3) return; // channel messages only; SysEx is filtered before us
    Message m;
    m.size = static_cast<std::uint8_t>(size);
    m.at = at;
    for (std::size_t i = 0; i < size; ++i) m.bytes[i] = bytes[i];
    if (!queue_.push(m)) {
        owner_.dropped_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    owner_.wake();
}

void MidiDispatcher::PortQueue::requestRelease() noexcept GOVOX_NONBLOCKING {
    releaseRequested_.store(true, std::memory_order_release);
    owner_.wake();
}

// Real-time safe although it is a system call: writing to a non-blocking eventfd adds to a
// kernel counter and never waits (a full counter fails with EAGAIN, harmless: the
// dispatcher is awake then). RealtimeSanitizer flags every write() and cannot tell, so its
// checks are off for this one call only; the rest of the caller stays checked.
void MidiDispatcher::wake() noexcept GOVOX_NONBLOCKING {
    const std::uint64_t one = 1;
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wfunction-effects"
#endif
    GOVOX_RTSAN_ALLOW_THIS_CALL;
    (void)!write(wakeFd_, &one, sizeof one);
#if defined(__clang__)
#pragma clang diagnostic pop
#endif
}

MidiDispatcher::MidiDispatcher(MidiSink& sink) : sink_(sink) {
    wakeFd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    thread_ = std::thread([this] { run(); });
}

MidiDispatcher::~MidiDispatcher() {
    quit_ = true;
    wake();
    thread_.join();
    {
        std::lock_guard lock(portsMutex_);
        for (auto& port : ports_) {
            drain(*port);
            releaseHeld(*port);
        }
        ports_.clear();
    }
    close(wakeFd_);
}

MidiDispatcher::PortQueue* MidiDispatcher::addPort() {
    std::lock_guard lock(portsMutex_);
    ports_.push_back(std::make_unique<PortQueue>(*this));
    return ports_.back().get();
}

void MidiDispatcher::removePort(PortQueue* port) {
    std::lock_guard lock(portsMutex_);
    const auto it =
        std::find_if(ports_.begin(), ports_.end(),
                     [&](const std::unique_ptr<PortQueue>& p) { return p.get() == port; });
    if (it == ports_.end()) return;
    drain(**it);
    releaseHeld(**it);
    ports_.erase(it);
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
    for (auto& port : ports_) {
        drain(*port);
        if (port->releaseRequested_.exchange(false, std::memory_order_acquire)) releaseHeld(*port);
    }
}

void MidiDispatcher::drain(PortQueue& port) {
    Message m;
    while (port.queue_.pop(m)) {
        if (!decodeMessage(m.bytes.data(), m.size, m.at, sink_)) continue;
        // What decodeMessage used is well formed: the status byte and data bytes are valid.
        const std::uint8_t kind = m.bytes[0] & 0xF0, channel = m.bytes[0] & 0x0F, d1 = m.bytes[1];
        auto& held = port.held_[channel];
        if (kind == 0x90)
            held.set(d1, m.bytes[2] != 0); // velocity 0 is a note-off
        else if (kind == 0x80)
            held.reset(d1);
        else if (kind == 0xB0 && (d1 == 120 || d1 == 123))
            held.reset(); // sound / notes off
    }
}

void MidiDispatcher::releaseHeld(PortQueue& port) {
    for (std::uint8_t channel = 0; channel < 16; ++channel) {
        auto& held = port.held_[channel];
        for (std::uint8_t note = 0; note < 128 && held.any(); ++note)
            if (held.test(note)) {
                sink_.noteOff(rt::EventTime::now(), channel, note);
                held.reset(note);
            }
    }
}

} // namespace govox::midi
