#include "engine/midi/JackMidiClient.hpp"

#include <jack/midiport.h>

#include <chrono>
#include <cstdio>
#include <thread>

namespace govox::midi {
namespace {

// JACK delivers whole events: a channel message is one status byte 80-EF and at most two
// data bytes. SysEx (F0 ... or a stray F7), system common and real-time events, and
// anything longer are dropped here, one event at a time, so none can hide the next.
bool isChannelMessage(const jack_midi_data_t* bytes, std::size_t size) noexcept GOVOX_NONBLOCKING {
    return size >= 1 && size <= 3 && bytes[0] >= 0x80 && bytes[0] < 0xF0;
}

std::string describeOpenFailure(jack_status_t status) {
    if ((status & JackServerFailed) != 0)
        return "JACK server not running (start jackd, or take MIDI from ALSA)";
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%x", unsigned(status));
    return std::string("the JACK server refused a client (status ") + hex + ")";
}

jack_client_t* openClient(const std::string& name, std::string& error) {
    jack_status_t status{};
    jack_client_t* client = jack_client_open(name.c_str(), JackNoStartServer, &status);
    if (client == nullptr) error = describeOpenFailure(status);
    return client;
}

std::vector<std::string> outputMidiPorts(jack_client_t* client) {
    std::vector<std::string> names;
    const char** ports = jack_get_ports(client, nullptr, JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput);
    if (ports == nullptr) return names;
    for (const char** p = ports; *p != nullptr; ++p) {
        const jack_port_t* port = jack_port_by_name(client, *p);
        if (port == nullptr || !jack_port_is_mine(client, port))
            names.emplace_back(*p); // never a loop
    }
    jack_free(ports);
    return names;
}

} // namespace

std::unique_ptr<JackMidiClient> JackMidiClient::open(const std::string& name, std::string& error) {
    jack_client_t* client = openClient(name, error);
    if (client == nullptr) return nullptr;
    std::unique_ptr<JackMidiClient> self(new JackMidiClient(client));
    if (jack_set_process_callback(client, &JackMidiClient::process, self.get()) != 0 ||
        jack_set_port_connect_callback(client, &JackMidiClient::onConnect, self.get()) != 0) {
        error = "cannot set the JACK client's callbacks";
        return nullptr;
    }
    jack_on_info_shutdown(client, &JackMidiClient::onShutdown, self.get());
    if (jack_activate(client) != 0) {
        error = "cannot activate the JACK client";
        return nullptr;
    }
    return self;
}

JackMidiClient::~JackMidiClient() {
    // A client of a dead server is left as it is: jack_client_close on it crashed libjack
    // (jack2 1.9.21) about one server death in four once the audio stream's client of the
    // same server had been closed (SIGSEGV inside jack_client_close, seen with the app
    // under xvfb; never with this close skipped). Its threads ended with the server; what
    // stays is a little memory per server death. Unregistering ports one by one is what
    // crashed in RtMidi, so ports are left to the close.
    if (!serverGone()) jack_client_close(client_);
}

std::string JackMidiClient::addPort(const std::string& portName, const std::string& source,
                                    MidiDispatcher::PortQueue& queue) {
    if (serverGone()) return "the JACK server stopped";
    Slot* free = nullptr;
    for (Slot& s : slots_)
        if (s.port.load(std::memory_order_relaxed) == nullptr) {
            free = &s;
            break;
        }
    if (free == nullptr)
        return "too many MIDI ports open (at most " + std::to_string(kMaxPorts) + ")";
    jack_port_t* port =
        jack_port_register(client_, portName.c_str(), JACK_DEFAULT_MIDI_TYPE, JackPortIsInput, 0);
    if (port == nullptr) return "cannot register the JACK port '" + portName + "'";
    {
        std::lock_guard lock(slotsMutex_);
        free->queue.store(&queue, std::memory_order_relaxed);
        free->port.store(port, std::memory_order_release);
    }
    if (source.empty()) return {};
    const int result = jack_connect(client_, source.c_str(), jack_port_name(port));
    if (result == 0) return {};
    removePort(queue);
    return "cannot connect '" + source + "' (jack_connect: " + std::to_string(result) + ")";
}

void JackMidiClient::removePort(MidiDispatcher::PortQueue& queue) {
    jack_port_t* port = nullptr;
    {
        std::lock_guard lock(slotsMutex_); // the notification thread no longer finds it
        for (Slot& s : slots_)
            if (s.port.load(std::memory_order_relaxed) != nullptr &&
                s.queue.load(std::memory_order_relaxed) == &queue) {
                port = s.port.exchange(nullptr, std::memory_order_acq_rel);
                s.queue.store(nullptr, std::memory_order_relaxed);
            }
    }
    if (port == nullptr || serverGone()) return; // jack_client_close frees a dead server's ports
    waitForCycleEnd();
    jack_port_unregister(client_, port);
}

// A cycle that began before the slot was cleared may still read it: wait for its end.
void JackMidiClient::waitForCycleEnd() const {
    const std::uint32_t seen = cycle_.load(std::memory_order_acquire);
    if ((seen & 1u) == 0) return;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (cycle_.load(std::memory_order_acquire) == seen && !serverGone() &&
           std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
}

std::vector<std::string> JackMidiClient::sources() const {
    return outputMidiPorts(client_);
}

std::vector<std::string> JackMidiClient::listSources(std::string& error) {
    jack_client_t* probe = openClient("Govox probe", error);
    if (probe == nullptr) return {};
    std::vector<std::string> names = outputMidiPorts(probe);
    jack_client_close(probe);
    return names;
}

// JACK's real-time thread. libjack's MIDI buffer calls only read the port's shared buffer
// (jack/midiport.h: safe in the process callback); -Wfunction-effects cannot see into
// libjack, so it is quiet for them, and RealtimeSanitizer checks them at run time.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wfunction-effects"
#endif
int JackMidiClient::process(jack_nframes_t frames, void* user) noexcept GOVOX_NONBLOCKING {
    auto& self = *static_cast<JackMidiClient*>(user);
    self.cycle_.fetch_add(1, std::memory_order_acq_rel); // odd: a cycle runs
    // Events keep their cycle's JACK frame and their offset: with JACK output the engine
    // places them by JACK's frame counter, otherwise it maps the cycle onto its own audio
    // callback of the same cycle (rt/FrameClock.hpp); either way their spacing survives.
    // The cycle's start as JACK's driver saw it: unlike this callback's own start, it does
    // not move with the clients that ran before this one. JACK's clock is not ours (jack2
    // reads CLOCK_MONOTONIC_RAW), so what counts is how long ago, on JACK's clock, the
    // cycle began: a fraction of a period, too short for the clocks' rates to matter.
    std::uint64_t cycleNs = rt::monotonicNs();
    jack_nframes_t cycleFrame = 0;
    jack_time_t cycleStart = 0, nextStart = 0;
    float periodUs = 0;
    const bool timed =
        jack_get_cycle_times(self.client_, &cycleFrame, &cycleStart, &nextStart, &periodUs) == 0;
    if (timed) {
        const jack_time_t jackNow = jack_get_time();
        if (jackNow >= cycleStart && jackNow - cycleStart < 1000000u)
            cycleNs -= std::uint64_t{jackNow - cycleStart} * 1000u;
    }
    for (Slot& slot : self.slots_) {
        jack_port_t* port = slot.port.load(std::memory_order_acquire);
        if (port == nullptr) continue;
        MidiDispatcher::PortQueue* queue = slot.queue.load(std::memory_order_relaxed);
        void* buffer = jack_port_get_buffer(port, frames);
        if (queue == nullptr || buffer == nullptr) continue;
        const jack_nframes_t count = jack_midi_get_event_count(buffer);
        for (jack_nframes_t i = 0; i < count; ++i) {
            jack_midi_event_t event;
            if (jack_midi_event_get(&event, buffer, i) == 0 &&
                isChannelMessage(event.buffer, event.size))
                queue->push(event.buffer, event.size,
                            rt::EventTime::inCycle(cycleNs, event.time, frames, cycleFrame, timed));
        }
    }
    self.cycle_.fetch_add(1, std::memory_order_release); // even: none runs
    return 0;
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

// JACK's notification thread (not real-time). A keyboard unplugged unregisters its port,
// which disconnects it: if that was our port's last source, its held notes are released.
void JackMidiClient::onConnect(jack_port_id_t a, jack_port_id_t b, int connected, void* user) {
    if (connected != 0) return;
    auto& self = *static_cast<JackMidiClient*>(user);
    std::lock_guard lock(self.slotsMutex_);
    self.portLostItsSources(a);
    self.portLostItsSources(b);
}

void JackMidiClient::portLostItsSources(jack_port_id_t id) {
    jack_port_t* port = jack_port_by_id(client_, id);
    if (port == nullptr || !jack_port_is_mine(client_, port) || jack_port_connected(port) > 0)
        return;
    for (Slot& s : slots_)
        if (s.port.load(std::memory_order_relaxed) == port)
            if (MidiDispatcher::PortQueue* q = s.queue.load(std::memory_order_relaxed))
                q->requestRelease();
}

// A JACK thread, as the server goes away: only a flag; the control thread closes us.
void JackMidiClient::onShutdown(jack_status_t, const char*, void* user) {
    static_cast<JackMidiClient*>(user)->gone_.store(true, std::memory_order_release);
}

} // namespace govox::midi
