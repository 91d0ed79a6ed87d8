// MidiSink.hpp - where decoded MIDI goes, and the decoding of raw channel messages.
//
// Every event carries when it happened (rt::EventTime): the JACK cycle and offset it came
// in, or its arrival time. The sink turns that into the engine frame it plays at. Callers
// that act now (the on-screen keyboard, tests) use the overloads without a time, which
// stamp the moment of the call.
//
// Threads: whatever thread delivers the bytes (the MidiDispatcher's thread, which takes the bytes
// from RtMidi and JACK MIDI); the sink must be safe to call from it.
#pragma once

#include "engine/rt/FrameClock.hpp"

#include <cstddef>
#include <cstdint>

namespace govox::midi {

class MidiSink {
public:
    virtual ~MidiSink() = default;
    virtual void noteOn(const rt::EventTime& at, std::uint8_t channel, std::uint8_t note,
                        std::uint8_t velocity) = 0;
    virtual void noteOff(const rt::EventTime& at, std::uint8_t channel, std::uint8_t note) = 0;
    virtual void controlChange(const rt::EventTime& at, std::uint8_t channel,
                               std::uint8_t controller, std::uint8_t value) = 0;
    virtual void pitchBend(const rt::EventTime& at, std::uint8_t channel,
                           std::int32_t bend) = 0; // -8192..8191
    virtual void allNotesOff(const rt::EventTime& at) = 0;

    // The same, happening now. A sink that overrides the timed calls brings these into
    // its scope with `using MidiSink::noteOn;` and so on.
    void noteOn(std::uint8_t channel, std::uint8_t note, std::uint8_t velocity) {
        noteOn(rt::EventTime::now(), channel, note, velocity);
    }
    void noteOff(std::uint8_t channel, std::uint8_t note) {
        noteOff(rt::EventTime::now(), channel, note);
    }
    void controlChange(std::uint8_t channel, std::uint8_t controller, std::uint8_t value) {
        controlChange(rt::EventTime::now(), channel, controller, value);
    }
    void pitchBend(std::uint8_t channel, std::int32_t bend) {
        pitchBend(rt::EventTime::now(), channel, bend);
    }
    void allNotesOff() { allNotesOff(rt::EventTime::now()); }
};

// Decodes one complete channel message that happened at `at`. Anything else - system
// messages, SysEx, truncated or malformed bytes - is ignored. Returns whether the message
// was used.
bool decodeMessage(const std::uint8_t* bytes, std::size_t size, const rt::EventTime& at,
                   MidiSink& sink);

} // namespace govox::midi
