// JackPlayer.hpp - a JACK client that plays the keyboard and listens: a MIDI output
// port sending scheduled note-ons and note-offs, and two audio inputs recording what
// comes back, all stamped with JACK frame times so latency can be measured exactly.
#pragma once

#include <jack/jack.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace govox::test {

class JackPlayer {
public:
    JackPlayer(const std::string& clientName, std::size_t recordFrames);
    ~JackPlayer();
    const std::string& error() const { return error_; }

    // Connects our MIDI output to the first MIDI input port whose name starts with
    // `midiPrefix`, and the first two audio outputs starting with `audioPrefix` to our inputs.
    std::string connect(const std::string& midiPrefix, const std::string& audioPrefix);
    // Starts recording now and schedules notes: each (frame offset from the recording's
    // start, status, note, velocity).
    struct Note {
        std::uint32_t at;
        std::uint8_t status, note, velocity;
    };
    void play(std::vector<Note> notes);
    bool waitFull(int timeoutMs) const;
    // The JACK frame time of the recording's first frame.
    std::uint64_t startFrame() const { return start_.load(); }
    const std::vector<float>& left() const { return left_; }
    std::uint64_t xruns() const { return xruns_.load(); }
    // Where in the recording the server reported its first kMaxXruns xruns (the recorded
    // frames around one may be shifted by a cycle: measurements skip them).
    std::vector<std::size_t> xrunPositions() const;

private:
    static int process(jack_nframes_t frames, void* self);
    static int onXrun(void* self);

    jack_client_t* client_ = nullptr;
    jack_port_t* midiOut_ = nullptr;
    jack_port_t* in_[2] = {nullptr, nullptr};
    std::vector<float> left_, right_;
    std::vector<Note> notes_; // set before armed_
    std::size_t nextNote_ = 0;
    std::atomic<bool> armed_{false};
    std::atomic<std::size_t> recorded_{0};
    std::atomic<std::uint64_t> start_{0};
    std::atomic<std::uint64_t> xruns_{0};
    static constexpr std::size_t kMaxXruns = 64;
    std::array<std::atomic<std::size_t>, kMaxXruns> xrunAt_{};
    std::string error_;
};

} // namespace govox::test
