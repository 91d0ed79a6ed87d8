// MidiInput.hpp - MIDI from the outside world: the ALSA sequencer (through RtMidi) or JACK
// (through JackMidiClient, our own: RtMidi's JACK input loses notes after a truncated SysEx
// and breaks when the server dies).
//
// Aims
// - A virtual input port named "Govox" that any sequencer or keyboard can connect to,
//   and optionally connections to existing ports, chosen by (part of) their name or by
//   their exact name.
// - Reopening with the same API and virtual port only closes the ports no longer wanted
//   and opens the new ones, so a caller can follow keyboards as they are plugged in
//   without dropping the connections (and notes) of the ports that stay.
// - The receiving thread (RtMidi's ALSA thread, JACK's real-time cycle) only queues the
//   bytes; a MidiDispatcher thread decodes them and calls the MidiSink. SysEx, timing and
//   active sensing are dropped before they reach us. A port closed with notes down (its
//   keyboard unplugged) has them released (MidiDispatcher).
// - A JACK server that dies is noticed (serverGone()); the caller closes and, once a
//   server runs again, opens anew.
//
// Threads: open/close on a control thread; the sink is called on the dispatcher's thread.
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
    std::vector<std::string> ports;    // and these, by their exact name as ports() lists them
};

class MidiInput {
public:
    MidiInput();
    ~MidiInput();
    MidiInput(const MidiInput&) = delete;
    MidiInput& operator=(const MidiInput&) = delete;

    // Opens the ports; returns an error naming the problem, or empty. Called again with
    // the same API, virtual port and sink, it keeps the ports still wanted open and
    // untouched. A wanted port that is missing or fails to open is named in the error
    // while the others stay open; a virtual port that cannot be made closes everything.
    std::string open(const MidiInputConfig& config, MidiSink& sink);
    void close();
    // The names of the ports opened ("Govox (virtual)", "USB Keyboard:0 ...").
    const std::vector<std::string>& opened() const { return opened_; }
    // Messages received so far (for an activity light).
    std::uint64_t received() const;
    // True when JACK MIDI is open and its server has gone away: close() it (before anything
    // opens on a new server) and open again once a server runs.
    bool serverGone() const;

    // The input ports the API can see; empty with `error` set if it cannot look (no ALSA
    // sequencer, no JACK server).
    static std::vector<std::string> ports(MidiApi api, std::string& error);

private:
    struct Impl;
    std::string openVirtual(const MidiInputConfig& config);
    std::string openPorts(const MidiInputConfig& config);
    std::vector<std::string> available(MidiApi api);
    std::unique_ptr<Impl> impl_;
    std::vector<std::string> opened_;
    std::uint64_t received_ = 0; // by inputs since closed
};

} // namespace govox::midi
