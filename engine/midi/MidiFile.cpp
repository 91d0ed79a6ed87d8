#include "engine/midi/MidiFile.hpp"

#include <smf.h>

#include <cstdio>
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
    smf_track_t* track = smf_track_new();
    smf_add_track(smf.get(), track);
    for (const TimedMessage& m : messages) {
        const bool twoBytes = (m.status & 0xF0) == 0xC0 || (m.status & 0xF0) == 0xD0;
        smf_event_t* e = twoBytes ? smf_event_new_from_bytes(m.status, m.data1, -1)
                                  : smf_event_new_from_bytes(m.status, m.data1, m.data2);
        if (!e) return "invalid MIDI message in the sequence";
        smf_track_add_event_seconds(track, e, m.seconds);
    }
    if (smf_save(smf.get(), path.c_str()) != 0) return "cannot write MIDI file " + path;
    return {};
}

} // namespace govox::midi
