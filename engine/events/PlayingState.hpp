// PlayingState.hpp - what the player is doing right now: held notes, the sustain pedal,
// pitch bend and mod wheel, per channel. Hot reload and host restarts replay it into the
// new voice host, so held notes keep sounding and controllers keep their positions.
//
// Threads: not thread-safe; reload::HostRoute guards it with its mutex.
#pragma once

#include "engine/events/EventSender.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace govox::events {

// Whether a replay sends the held notes, or only the controllers.
enum class HeldNotes {
    Replay, // a reload: the notes go on sounding in the new build
    Drop    // a restart after a crash: one of the held notes may be what crashed it
};

class PlayingState {
public:
    void noteOn(std::uint8_t channel, std::uint8_t note, std::uint8_t velocity,
                std::uint64_t frame);
    void noteOff(std::uint8_t channel, std::uint8_t note);
    void controlChange(std::uint8_t channel, std::uint8_t controller, std::uint8_t value);
    void pitchBend(std::uint8_t channel, std::int32_t bend);
    void allNotesOff(std::uint8_t channel); // 0xFF: every channel

    // Sends the controllers, then every held note (with how long it has sounded as of
    // `now`, capped by the SDK), to a new host. Sustained notes are sent held and then
    // released under the pedal, so the pedal's release ends them as before.
    void replay(events::EventSender& to, std::uint64_t now, HeldNotes notes) const;

    std::size_t heldNotes() const noexcept { return notes_.size(); }

private:
    struct Note {
        std::uint8_t channel, note, velocity;
        std::uint64_t startFrame;
        bool sustained; // key released while the pedal was down
    };
    struct Channel {
        bool sustain = false;
        std::int32_t bend = 0;
        std::uint8_t modWheel = 0;
    };

    std::vector<Note> notes_;
    std::array<Channel, 16> channels_{};
};

} // namespace govox::events
