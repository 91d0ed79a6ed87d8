// JackMidiClient.hpp - Govox's JACK MIDI input: one JACK client whose input ports each
// feed a MidiDispatcher queue.
//
// Aims
// - One client (normally "Govox") holds every MIDI input port: the virtual port others
//   connect to ("Govox:Govox") and one port per followed source, connected to it with
//   jack_connect. Each port feeds its own PortQueue, so the dispatcher knows which notes
//   each source holds down.
// - Our own code rather than RtMidi's JACK input (5.0.0), which after an event starting
//   with F0 and not ending with F7 drops every event until an F7, allocates in the process
//   cycle, registers no shutdown callback, and crashes closing a port of a dead server
//   (docs/reliability.md, known issues 2 and 3).
// - The process callback only reads JACK's event buffers and pushes channel messages.
//   JACK delivers whole messages, so there is no SysEx continuation state to get stuck:
//   SysEx, system common and real-time events are dropped one by one.
// - When a port's last connection goes (its keyboard unplugged) its queue is asked to
//   release the notes it holds (PortQueue::requestRelease).
// - When the server dies, the client is marked gone; the owner closes it on its control
//   thread before anything opens on a new server, since libjack keeps process-wide state
//   while any client of the dead server stays open.
//
// Threads: everything on the control thread, except process() (JACK's real-time thread),
// onConnect() (JACK's notification thread) and onShutdown() (a JACK thread).
#pragma once

#include "engine/midi/MidiDispatcher.hpp"
#include "engine/rt/RealtimeAttributes.hpp"

#include <jack/jack.h>

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace govox::midi {

class JackMidiClient {
public:
    // Opens and activates client `name` (JackNoStartServer: never starts a server). Null
    // with `error` set when there is no server or it refuses.
    static std::unique_ptr<JackMidiClient> open(const std::string& name, std::string& error);
    ~JackMidiClient(); // closes the client, also one of a dead server
    JackMidiClient(const JackMidiClient&) = delete;
    JackMidiClient& operator=(const JackMidiClient&) = delete;

    // Registers input port `portName` feeding `queue` and, unless `source` is empty,
    // connects the output port `source` ("client:port") to it. Returns an error or empty;
    // on error nothing stays registered.
    std::string addPort(const std::string& portName, const std::string& source,
                        MidiDispatcher::PortQueue& queue);
    // Unregisters the port feeding `queue`. Once this returns the process callback no
    // longer touches `queue`, so the dispatcher may free it.
    void removePort(MidiDispatcher::PortQueue& queue);

    // The MIDI output ports of other clients, "client:port", as JACK lists them.
    std::vector<std::string> sources() const;
    // The same through a short-lived client of its own, for when none is open.
    static std::vector<std::string> listSources(std::string& error);

    // True once the server has shut down (or died): close this client before opening any
    // other on a new server.
    bool serverGone() const { return gone_.load(std::memory_order_acquire); }

private:
    // One input port. The control thread sets `queue` before `port` and clears `port`
    // first; the process callback reads `port`, then `queue`.
    struct Slot {
        std::atomic<jack_port_t*> port{nullptr};
        std::atomic<MidiDispatcher::PortQueue*> queue{nullptr};
    };
    static constexpr std::size_t kMaxPorts = 64;

    explicit JackMidiClient(jack_client_t* client) : client_(client) {}
    static int process(jack_nframes_t frames, void* self) noexcept GOVOX_NONBLOCKING;
    static void onConnect(jack_port_id_t a, jack_port_id_t b, int connected, void* self);
    static void onShutdown(jack_status_t code, const char* reason, void* self);
    void portLostItsSources(jack_port_id_t id); // notification thread, under slotsMutex_
    void waitForCycleEnd() const;

    jack_client_t* client_;
    std::array<Slot, kMaxPorts> slots_;
    std::mutex slotsMutex_; // the control thread and the notification thread; never RT
    std::atomic<std::uint32_t> cycle_{0}; // odd while the process callback runs
    std::atomic<bool> gone_{false};
};

} // namespace govox::midi
