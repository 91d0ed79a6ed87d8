#include "engine/events/PlayingState.hpp"

#include <algorithm>

namespace govox::events {

void PlayingState::noteOn(std::uint8_t channel, std::uint8_t note, std::uint8_t velocity,
                          std::uint64_t frame) {
    // The same key again replaces the old note (held or sustained), as the SDK does.
    notes_.erase(
        std::remove_if(notes_.begin(), notes_.end(),
                       [&](const Note& n) { return n.channel == channel && n.note == note; }),
        notes_.end());
    notes_.push_back({channel, note, velocity, frame, false});
}

void PlayingState::noteOff(std::uint8_t channel, std::uint8_t note) {
    const bool sustain = channels_[channel & 15].sustain;
    for (auto it = notes_.begin(); it != notes_.end();) {
        if (it->channel == channel && it->note == note && !it->sustained) {
            if (sustain) {
                it->sustained = true;
                ++it;
            } else {
                it = notes_.erase(it);
            }
        } else {
            ++it;
        }
    }
}

void PlayingState::controlChange(std::uint8_t channel, std::uint8_t controller,
                                 std::uint8_t value) {
    Channel& c = channels_[channel & 15];
    switch (controller) {
    case 1: c.modWheel = value; break;
    case 64: {
        const bool down = value >= 64;
        if (c.sustain && !down)
            notes_.erase(
                std::remove_if(notes_.begin(), notes_.end(),
                               [&](const Note& n) { return n.channel == channel && n.sustained; }),
                notes_.end());
        c.sustain = down;
        break;
    }
    case 120:
    case 123: allNotesOff(channel); break;
    default: break;
    }
}

void PlayingState::pitchBend(std::uint8_t channel, std::int32_t bend) {
    channels_[channel & 15].bend = bend;
}

void PlayingState::allNotesOff(std::uint8_t channel) {
    notes_.erase(
        std::remove_if(notes_.begin(), notes_.end(),
                       [&](const Note& n) { return channel == 0xFF || n.channel == channel; }),
        notes_.end());
    for (std::size_t ch = 0; ch < channels_.size(); ++ch)
        if (channel == 0xFF || ch == channel) channels_[ch].sustain = false;
}

void PlayingState::replay(events::EventSender& to, std::uint64_t now, HeldNotes notes) const {
    for (std::uint8_t ch = 0; ch < 16; ++ch) {
        const Channel& c = channels_[ch];
        if (c.bend != 0) to.pitchBend(now, ch, c.bend);
        if (c.modWheel != 0) to.controlChange(now, ch, 1, c.modWheel);
        if (c.sustain) to.controlChange(now, ch, 64, 127);
    }
    if (notes == HeldNotes::Drop) return;
    for (const Note& n : notes_) {
        const auto age = now > n.startFrame ? now - n.startFrame : 0;
        to.noteOn(now, n.channel, n.note, n.velocity,
                  static_cast<std::uint32_t>(std::min<std::uint64_t>(age, 0xffffffffu)));
        if (n.sustained) to.noteOff(now, n.channel, n.note); // held by the pedal from here
    }
}

} // namespace govox::events
