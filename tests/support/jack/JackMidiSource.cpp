#include "tests/support/jack/JackMidiSource.hpp"

#include <jack/midiport.h>

namespace govox::ui::test {

JackMidiSource::JackMidiSource(const std::string& clientName) {
    jack_status_t status{};
    client_ = jack_client_open(clientName.c_str(), JackNoStartServer, &status);
    if (!client_) {
        error_ = "cannot open JACK client '" + clientName + "' (status " +
                 std::to_string(int(status)) + ")";
        return;
    }
    port_ = jack_port_register(client_, "out", JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput, 0);
    if (!port_)
        error_ = "cannot register MIDI port";
    else if (jack_set_process_callback(client_, &JackMidiSource::process, this) != 0 ||
             jack_activate(client_) != 0)
        error_ = "cannot activate JACK client";
}

JackMidiSource::~JackMidiSource() {
    if (client_) jack_client_close(client_);
}

std::string JackMidiSource::portName() const {
    return port_ ? jack_port_name(port_) : std::string{};
}

std::vector<std::string> JackMidiSource::connections() const {
    std::vector<std::string> names;
    if (!port_) return names;
    if (const char** list = jack_port_get_all_connections(client_, port_)) {
        for (const char** p = list; *p; ++p) names.emplace_back(*p);
        jack_free(list);
    }
    return names;
}

std::string JackMidiSource::connectTo(const std::string& input) {
    const int result = jack_connect(client_, portName().c_str(), input.c_str());
    return result == 0 ? std::string{}
                       : "jack_connect to '" + input + "' failed: " + std::to_string(result);
}

void JackMidiSource::sendNoteOn(int note, int velocity) {
    pending_.store(note << 8 | velocity);
}

int JackMidiSource::process(jack_nframes_t frames, void* user) {
    auto* self = static_cast<JackMidiSource*>(user);
    void* buffer = jack_port_get_buffer(self->port_, frames);
    jack_midi_clear_buffer(buffer);
    const int pending = self->pending_.exchange(-1);
    if (pending >= 0) {
        const jack_midi_data_t message[3] = {0x90, jack_midi_data_t(pending >> 8),
                                             jack_midi_data_t(pending & 0x7f)};
        jack_midi_event_write(buffer, 0, message, sizeof message);
    }
    return 0;
}

} // namespace govox::ui::test
