// SoakKeyboard.hpp - a JACK MIDI client standing in for a musician's keyboard (and for a
// broken one): it plays a generated sequence, holds a chord, floods, or sends whatever
// bytes a test queues, malformed ones included.
//
// Aims
// - Everything is generated inside its JACK process callback from preallocated state,
//   so the MIDI it sends is as steady as the server's clock, and a mode change is a
//   request the next cycle picks up. Leaving a mode releases every note it holds, so a
//   note left sounding afterwards is Govox's, not the keyboard's.
// - Sequence: a new note every 20-90 ms lasting 0.3-2 s (notes 36-96), never more than
//   `arg` held at once: about twenty voices with peaks at the limit. Chord: `arg` notes
//   held. Flood: `arg` events a second (note on/off pairs and mod-wheel moves).
// - Destroying it is the port vanishing: the client closes without releasing anything.
//
// Threads: the control thread calls everything; the JACK thread runs process().
#pragma once

#include "engine/rt/SpscQueue.hpp"

#include <jack/jack.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace govox::soak {

class SoakKeyboard {
public:
    enum class Mode : std::uint32_t { Quiet, Sequence, Chord, Flood };
    // Oversized: a SysEx as long as the port's buffer takes, never terminated.
    static constexpr std::uint32_t kOversized = 0xFFFFFFFF;

    explicit SoakKeyboard(const std::string& clientName);
    ~SoakKeyboard();
    SoakKeyboard(const SoakKeyboard&) = delete;
    SoakKeyboard& operator=(const SoakKeyboard&) = delete;

    const std::string& error() const { return error_; } // empty once it runs
    std::string portName() const;                       // "client:out"
    bool connected() const;                             // something reads our port
    bool serverGone() const { return gone_.load(); }

    void play(Mode mode, std::uint32_t arg = 0);
    // Queues bytes to send as one JACK MIDI event (at most 8 bytes, or kOversized).
    bool send(const std::vector<std::uint8_t>& bytes, std::uint32_t length = 0);
    // True once every queued event has gone out and the last mode change was taken.
    bool idle() const;

    int held() const { return held_.load(); }               // notes down now
    std::uint64_t events() const { return events_.load(); } // events written so far
    std::uint64_t lost() const { return lost_.load(); }     // events the port buffer refused

private:
    struct Raw {
        std::uint8_t size = 0;
        std::array<std::uint8_t, 8> bytes{};
        std::uint32_t length = 0; // > size: pad with data bytes to this length
    };

    static int process(jack_nframes_t frames, void* self);
    static void shutdown(void* self);
    void run(void* buffer, jack_nframes_t frames);
    void write(void* buffer, const std::uint8_t* bytes, std::size_t size);
    void noteOn(void* buffer, int note, int velocity);
    void noteOff(void* buffer, int note);
    void releaseAll(void* buffer);
    void sequence(void* buffer, jack_nframes_t frames);
    void flood(void* buffer, jack_nframes_t frames);
    void sendRaw(void* buffer, const Raw& raw);
    std::uint32_t random(std::uint32_t below);

    jack_client_t* client_ = nullptr;
    jack_port_t* port_ = nullptr;
    std::string error_;
    std::atomic<bool> gone_{false};

    // Requests from the control thread.
    std::atomic<std::uint64_t> request_{0}; // serial << 40 | mode << 32 | arg
    std::atomic<std::uint64_t> taken_{0};   // the serial of the last request taken
    std::uint64_t serial_ = 0;
    rt::SpscQueue<Raw, 64> raw_;
    std::uint64_t queued_ = 0;              // raw events queued (control thread)
    std::atomic<std::uint64_t> rawDone_{0}; // raw events taken (process thread)

    // The process thread's own state.
    Mode mode_ = Mode::Quiet;
    std::uint32_t arg_ = 0;
    std::uint32_t rng_ = 0x2545F491;
    std::uint64_t now_ = 0;                  // frames since the client started
    std::uint64_t nextStart_ = 0;            // sequence: when the next note starts
    std::array<std::uint64_t, 128> offAt_{}; // 0: not held; else the frame to release at
    double floodDue_ = 0;                    // flood: events owed to the schedule
    std::uint32_t floodStep_ = 0;
    std::uint32_t rate_ = 48000;

    std::atomic<int> held_{0};
    std::atomic<std::uint64_t> events_{0};
    std::atomic<std::uint64_t> lost_{0};
};

} // namespace govox::soak
