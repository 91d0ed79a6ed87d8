// MidiInput.hpp - MIDI from the outside world, through RtMidi (ALSA sequencer or JACK).
//
// Aims
// - A virtual input port named "Govox" that any sequencer or keyboard can connect to,
//   and optionally a connection to existing ports chosen by (part of) their name.
// - Messages are decoded on RtMidi's thread and handed to a MidiSink; SysEx, timing and
//   active sensing are dropped before they reach us.
//
// Threads: open/close on a control thread; the sink is called on RtMidi's input thread.
#pragma once

#include "engine/midi/MidiSink.hpp"

#include <memory>
#include <string>
#include <vector>

class RtMidiIn;

namespace govox::midi {

enum class MidiApi { Alsa, Jack };

struct MidiInputConfig {
    MidiApi api = MidiApi::Alsa;
    std::string virtualPort = "Govox"; // empty: no virtual port
    std::string connectTo;             // connect every port whose name contains this
};

class MidiInput {
public:
    MidiInput();
    ~MidiInput();
    MidiInput(const MidiInput&) = delete;
    MidiInput& operator=(const MidiInput&) = delete;

    // Opens the ports; returns an error naming the problem, or empty.
    std::string open(const MidiInputConfig& config, MidiSink& sink);
    void close();
    // The names of the ports opened ("Govox (virtual)", "USB Keyboard:0 ...").
    const std::vector<std::string>& opened() const { return opened_; }
    // Messages received so far (for an activity light).
    std::uint64_t received() const;

    // The input ports the API can see; empty with `error` set if it cannot look.
    static std::vector<std::string> ports(MidiApi api, std::string& error);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::vector<std::string> opened_;
};

} // namespace govox::midi
