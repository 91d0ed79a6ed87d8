// MidiDispatcher.hpp - moves MIDI off the thread that received it.
//
// The ALSA sequencer's thread (through RtMidi) or JACK's real-time process cycle (through
// JackMidiClient) delivers the bytes. Decoding and routing a note (locks, the voice host's
// event queue, a futex wake) must not happen there. Each input port gets a lock-free
// queue; the receiving thread only copies the bytes in and bumps an eventfd, and a
// dispatcher thread of this object's own decodes them and calls the sink.
//
// Aims
// - A port that goes away never leaves a note sounding: the dispatcher remembers which
//   (channel, note) pairs each port holds down, and when the port is removed (or its last
//   connection goes, see PortQueue::requestRelease, or the dispatcher closes) it sends
//   note-offs for exactly those, after playing what was still queued.
//
// Threads: addPort/removePort/the destructor on the control thread; push() on the port's
// receiving thread (at most one per port); requestRelease() on any thread; the sink on the
// dispatcher thread, or on the control thread inside removePort and the destructor (always
// under one lock, so never two at once).
#pragma once

#include "engine/midi/MidiSink.hpp"
#include "engine/rt/FrameClock.hpp"
#include "engine/rt/RealtimeAttributes.hpp"
#include "engine/rt/SpscQueue.hpp"

#include <array>
#include <atomic>
#include <bitset>
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
        rt::EventTime at; // when it happened
    };
    // One port's queue. The receiving thread pushes; the dispatcher pops.
    class PortQueue {
    public:
        explicit PortQueue(MidiDispatcher& owner) : owner_(owner) {}
        // Receiving thread (RT-safe: no allocation, no lock; a full queue drops and counts).
        // Takes messages of 1-3 bytes; anything longer (SysEx) is counted and dropped.
        // `at` is when the message happened (its JACK cycle and offset, or its arrival).
        void push(const std::uint8_t* bytes, std::size_t size,
                  const rt::EventTime& at) noexcept GOVOX_NONBLOCKING;
        // Any thread, RT-safe: the port lost its source (its last connection went). The
        // dispatcher plays what is queued, then sends note-offs for the notes it holds.
        void requestRelease() noexcept GOVOX_NONBLOCKING;

    private:
        friend class MidiDispatcher;
        MidiDispatcher& owner_;
        rt::SpscQueue<Message, 4096> queue_;
        std::atomic<bool> releaseRequested_{false};
        std::array<std::bitset<128>, 16> held_; // [channel][note]; dispatcher side, under the lock
    };

    explicit MidiDispatcher(MidiSink& sink);
    ~MidiDispatcher(); // stops the thread, plays what is queued and releases every held note

    PortQueue* addPort();
    // After the port's receiving thread has stopped (its input closed): plays what is still
    // queued, sends note-offs for the notes the port left down, and frees the queue.
    void removePort(PortQueue* port);
    std::uint64_t received() const { return received_.load(std::memory_order_relaxed); }
    std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }

private:
    void wake() noexcept GOVOX_NONBLOCKING;
    void run();
    void drain();                      // under portsMutex_
    void drain(PortQueue& port);       // under portsMutex_
    void releaseHeld(PortQueue& port); // under portsMutex_

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
