// MidiSink.hpp - where decoded MIDI goes, and the decoding of raw channel messages.
//
// Threads: whatever thread delivers the bytes (the MidiDispatcher's thread, which takes the bytes
// from RtMidi and JACK MIDI); the sink must be safe to call from it.
#pragma once

#include <cstddef>
#include <cstdint>

namespace govox::midi {

class MidiSink {
public:
    virtual ~MidiSink() = default;
    virtual void noteOn(std::uint8_t channel, std::uint8_t note, std::uint8_t velocity) = 0;
    virtual void noteOff(std::uint8_t channel, std::uint8_t note) = 0;
    virtual void controlChange(std::uint8_t channel, std::uint8_t controller,
                               std::uint8_t value) = 0;
    virtual void pitchBend(std::uint8_t channel, std::int32_t bend) = 0; // -8192..8191
    virtual void allNotesOff() = 0;
};

// Decodes one complete channel message. Anything else - system messages, SysEx,
// truncated or malformed bytes - is ignored. Returns whether the message was used.
bool decodeMessage(const std::uint8_t* bytes, std::size_t size, MidiSink& sink);

} // namespace govox::midi
