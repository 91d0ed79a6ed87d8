// JackMidiSource.hpp - a JACK client with one MIDI output port, standing in for a keyboard
// being plugged in: the tests create it while the MIDI panel runs and play notes on it.
#pragma once

#include <jack/jack.h>

#include <atomic>
#include <string>
#include <vector>

namespace govox::ui::test {

class JackMidiSource {
public:
    // Opens client `clientName` with an output port "out" and activates it.
    explicit JackMidiSource(const std::string& clientName);
    ~JackMidiSource();
    JackMidiSource(const JackMidiSource&) = delete;
    JackMidiSource& operator=(const JackMidiSource&) = delete;

    const std::string& error() const { return error_; } // empty once it runs
    std::string portName() const;                       // "client:out"
    std::vector<std::string> connections() const;       // the ports "out" feeds
    std::string connectTo(const std::string& input);    // empty or why not

    // Sends a note-on (channel 1) in the next process cycle; one message waits at a time.
    void sendNoteOn(int note, int velocity);
    // A note-on with velocity 0, as most keyboards send a release.
    void sendNoteOff(int note) { sendNoteOn(note, 0); }
    // True once the last message sent has gone out.
    bool sent() const { return pending_.load() < 0; }

private:
    static int process(jack_nframes_t frames, void* self);

    jack_client_t* client_ = nullptr;
    jack_port_t* port_ = nullptr;
    std::atomic<int> pending_{-1}; // note << 8 | velocity, -1: nothing to send
    std::string error_;
};

} // namespace govox::ui::test
