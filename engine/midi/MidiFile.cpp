#include "engine/midi/MidiFile.hpp"

#include <smf.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace govox::midi {
namespace {

struct SmfDelete {
    void operator()(smf_t* smf) const noexcept { smf_delete(smf); }
};

} // namespace

MidiFileResult readMidiFile(const std::string& path) {
    MidiFileResult result;
    if (std::FILE* f = std::fopen(path.c_str(), "rb")) {
        std::fclose(f);
    } else {
        result.error = "cannot open MIDI file " + path;
        return result;
    }
    std::unique_ptr<smf_t, SmfDelete> smf(smf_load(path.c_str()));
    if (!smf) {
        result.error = path + " is not a readable Standard MIDI File";
        return result;
    }
    while (smf_event_t* e = smf_get_next_event(smf.get())) {
        result.lengthSeconds = e->time_seconds;
        if (smf_event_is_metadata(e) || smf_event_is_sysex(e) || e->midi_buffer_length < 1)
            continue;
        const std::uint8_t status = e->midi_buffer[0];
        if (status < 0x80 || status >= 0xF0) continue;
        TimedMessage m;
        m.seconds = e->time_seconds;
        m.status = status;
        if (e->midi_buffer_length > 1) m.data1 = e->midi_buffer[1] & 0x7F;
        if (e->midi_buffer_length > 2) m.data2 = e->midi_buffer[2] & 0x7F;
        result.messages.push_back(m);
    }
    return result;
}

std::string writeMidiFile(const std::string& path, const std::vector<TimedMessage>& messages) {
    std::unique_ptr<smf_t, SmfDelete> smf(smf_new());
    if (!smf) return "cannot create a MIDI file in memory";
    // 960 pulses per quarter at 20 000 us per quarter: one pulse is one frame at 48 kHz,
    // so a sequence written from frame times reads back to exactly those frames.
    constexpr int kPpqn = 960;
    constexpr int kMicrosPerQuarter = 20000;
    if (smf_set_ppqn(smf.get(), kPpqn) != 0) return "cannot set the MIDI file's resolution";
    smf_track_t* track = smf_track_new();
    smf_add_track(smf.get(), track);
    // The tempo is a meta event (FF 51 03 and three bytes), which libsmf builds from a
    // buffer the event owns.
    smf_event_t* tempo = smf_event_new();
    if (!tempo) return "cannot make the MIDI file's tempo";
    tempo->midi_buffer = static_cast<unsigned char*>(std::malloc(6));
    if (!tempo->midi_buffer) {
        smf_event_delete(tempo);
        return "out of memory";
    }
    tempo->midi_buffer_length = 6;
    const unsigned char bytes[6] = {0xFF,
                                    0x51,
                                    0x03,
                                    (kMicrosPerQuarter >> 16) & 0xFF,
                                    (kMicrosPerQuarter >> 8) & 0xFF,
                                    kMicrosPerQuarter & 0xFF};
    std::memcpy(tempo->midi_buffer, bytes, sizeof bytes);
    smf_track_add_event_pulses(track, tempo, 0);
    const double pulsesPerSecond = kPpqn * 1e6 / kMicrosPerQuarter;
    for (const TimedMessage& m : messages) {
        const bool twoBytes = (m.status & 0xF0) == 0xC0 || (m.status & 0xF0) == 0xD0;
        smf_event_t* e = twoBytes ? smf_event_new_from_bytes(m.status, m.data1, -1)
                                  : smf_event_new_from_bytes(m.status, m.data1, m.data2);
        if (!e) return "invalid MIDI message in the sequence";
        smf_track_add_event_pulses(track, e,
                                   static_cast<int>(std::llround(m.seconds * pulsesPerSecond)));
    }
    if (smf_save(smf.get(), path.c_str()) != 0) return "cannot write MIDI file " + path;
    return {};
}

} // namespace govox::midi
