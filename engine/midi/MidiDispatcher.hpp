// MidiDispatcher.hpp - moves MIDI off the thread that received it.
//
// RtMidi calls its callback on the ALSA sequencer's thread or, for JACK MIDI, inside
// JACK's real-time process cycle. Decoding and routing a note (locks, the voice host's
// event queue, a futex wake) must not happen there. Each input port gets a lock-free
// queue; the callback only copies the bytes in and bumps an eventfd, and a dispatcher
// thread of this object's own decodes them and calls the sink.
//
// Threads: addPort/removePort/stop on the control thread; push() on the port's receiving
// thread (at most one per port); the sink on the dispatcher thread.
#pragma once

#include "engine/midi/MidiSink.hpp"
#include "engine/rt/SpscQueue.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace govox::midi {

class MidiDispatcher {
public:
    struct Message {
        std::uint8_t size = 0;
        std::array<std::uint8_t, 3> bytes{};
    };
    // One port's queue. The receiving thread pushes; the dispatcher pops.
    class PortQueue {
    public:
        explicit PortQueue(MidiDispatcher& owner) : owner_(owner) {}
        // Receiving thread: no allocation, no lock; a full queue drops and counts.
        void push(const std::uint8_t* bytes, std::size_t size) noexcept;

    private:
        friend class MidiDispatcher;
        MidiDispatcher& owner_;
        rt::SpscQueue<Message, 4096> queue_;
    };

    explicit MidiDispatcher(MidiSink& sink);
    ~MidiDispatcher(); // stops the thread

    PortQueue* addPort();
    // After the port's receiving thread has stopped (its RtMidiIn destroyed).
    void removePort(PortQueue* port);
    std::uint64_t received() const { return received_.load(std::memory_order_relaxed); }
    std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

private:
    void run();
    void drain();

    MidiSink& sink_;
    int wakeFd_ = -1; // eventfd
    std::mutex portsMutex_;
    std::vector<std::unique_ptr<PortQueue>> ports_;
    std::atomic<bool> quit_{false};
    std::atomic<std::uint64_t> received_{0};
    std::atomic<std::uint64_t> dropped_{0};
    std::thread thread_;
};

} // namespace govox::midi
