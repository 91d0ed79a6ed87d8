// MidiFile.hpp - reads a Standard MIDI File into timed channel messages, through libsmf
// (which also handles tempo maps, running status and every track format).
//
// Threads: any; allocates.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace govox::midi {

struct TimedMessage {
    double seconds = 0.0;    // from the start of the song, tempo map applied
    std::uint8_t status = 0; // 0x80..0xEF: channel messages only
    std::uint8_t data1 = 0;
    std::uint8_t data2 = 0;
};

struct MidiFileResult {
    std::vector<TimedMessage> messages; // in time order
    double lengthSeconds = 0.0;         // time of the last event of any kind
    std::string error;                  // non-empty: the file could not be read
};

MidiFileResult readMidiFile(const std::string& path);

// Writes channel messages as a format 0 file (tests and tools). Empty string on success.
std::string writeMidiFile(const std::string& path, const std::vector<TimedMessage>& messages);

} // namespace govox::midi
