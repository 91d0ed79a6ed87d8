// EventSender.hpp - pushes events into a region's queue for its voice host.
//
// Aims
// - The engine's side of the event queue in govox_abi.h: fixed-size events stamped with
//   the engine frame at which they take effect.
// - Several threads send (the MIDI thread, the UI's keyboard, the control thread), so a
//   mutex orders them. Never called from the audio thread.
// - After pushing, it increments the wake word and wakes a host that sleeps on it
//   (FUTEX_WAKE), so a note-on does not wait for the host's next timeout.
//
// Threads: any non-real-time thread.
#pragma once

#include "engine/abi/govox_abi.h"
#include "engine/shm/Region.hpp"

#include <cstdint>
#include <mutex>

namespace govox::events {

class EventSender {
public:
    explicit EventSender(shm::Region& region);

    // False when the queue is full (the host has stopped reading); the event is dropped.
    bool send(const govox_event& event);

    // resumeFrames > 0: a held note moved into a new build (see govox_event.resume_frames).
    bool noteOn(std::uint64_t frame, std::uint8_t channel, std::uint8_t note, std::uint8_t velocity,
                std::uint32_t resumeFrames = 0);
    bool noteOff(std::uint64_t frame, std::uint8_t channel, std::uint8_t note);
    bool controlChange(std::uint64_t frame, std::uint8_t channel, std::uint8_t controller,
                       std::uint8_t value);
    bool pitchBend(std::uint64_t frame, std::uint8_t channel, std::int32_t bend);
    bool allNotesOff(std::uint64_t frame, std::uint8_t channel);
    // Sets the parameter's value in the parameter block and sends the change event.
    bool paramChange(std::uint64_t frame, std::uint32_t index, float value);

    // Increments the wake word and wakes a sleeping host.
    void wakeHost();
    // Events pushed and not yet consumed by the host.
    std::uint32_t pending() const;

private:
    shm::Region& region_;
    mutable std::mutex mutex_;
    std::uint32_t write_ = 0;
};

} // namespace govox::events
