#include "engine/midi/MidiSink.hpp"

namespace govox::midi {

bool decodeMessage(const std::uint8_t* bytes, std::size_t size, const rt::EventTime& at,
                   MidiSink& sink) {
    if (size < 2 || bytes[0] < 0x80 || bytes[0] >= 0xF0) return false;
    const std::uint8_t kind = bytes[0] & 0xF0, channel = bytes[0] & 0x0F;
    const std::uint8_t d1 = bytes[1] & 0x7F;
    if (bytes[1] & 0x80) return false; // a status byte where data belongs
    const bool twoDataBytes = kind != 0xC0 && kind != 0xD0;
    if (twoDataBytes && (size < 3 || (bytes[2] & 0x80))) return false;
    const std::uint8_t d2 = twoDataBytes ? bytes[2] & 0x7F : 0;
    switch (kind) {
    case 0x90:
        if (d2 == 0)
            sink.noteOff(at, channel, d1);
        else
            sink.noteOn(at, channel, d1, d2);
        return true;
    case 0x80: sink.noteOff(at, channel, d1); return true;
    case 0xB0:
        if (d1 == 120 || d1 == 123)
            sink.allNotesOff(at);
        else
            sink.controlChange(at, channel, d1, d2);
        return true;
    case 0xE0:
        sink.pitchBend(at, channel, static_cast<std::int32_t>(d2 << 7 | d1) - 8192);
        return true;
    default: return false; // program change, aftertouch: not used by voices yet
    }
}

} // namespace govox::midi
