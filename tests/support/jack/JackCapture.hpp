// JackCapture.hpp - a JACK client inside the test that records what another client plays.
//
// Two input ports, connected to the first two audio outputs of the client under test. Its
// process callback copies into buffers allocated up front, from arm() until they are full.
// It also counts the server's xruns (JACK tells every client about each one).
//
// Threads: construct, connect, arm, wait and read on the test thread; process() and
// onXrun() on JACK's threads.
#pragma once

#include <jack/jack.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace govox::backend::test {

class JackCapture {
public:
    JackCapture(const std::string& clientName, std::size_t frames);
    ~JackCapture(); // deactivates and closes the client
    JackCapture(const JackCapture&) = delete;
    JackCapture& operator=(const JackCapture&) = delete;

    const std::string& error() const { return error_; }
    // Connects the first two audio output ports of `client` to ours; error or empty.
    std::string connectFrom(const std::string& client);
    // Starts recording at the next cycle.
    void arm() { armed_.store(true, std::memory_order_release); }
    // Waits until `frames` frames are recorded or `limit` has passed; true if they are.
    bool waitFrames(std::size_t frames, std::chrono::milliseconds limit) const;
    // Waits until the buffers are full or `limit` has passed; true when full.
    bool waitFull(std::chrono::milliseconds limit) const { return waitFrames(left_.size(), limit); }

    const std::vector<float>& left() const { return left_; }
    const std::vector<float>& right() const { return right_; }
    std::uint64_t xruns() const { return xruns_.load(); }
    // For the first xruns: how many frames had been recorded when each was reported
    // (0 also before arm()). Read once the client is quiet.
    static constexpr std::size_t kXrunLog = 8;
    const std::array<std::size_t, kXrunLog>& xrunFrames() const { return xrunFrames_; }

private:
    static int process(jack_nframes_t frames, void* self) noexcept;
    static int onXrun(void* self) noexcept;

    jack_client_t* client_ = nullptr;
    jack_port_t* ports_[2] = {nullptr, nullptr};
    std::vector<float> left_;
    std::vector<float> right_;
    std::atomic<bool> armed_{false};
    std::atomic<std::size_t> recorded_{0};
    std::atomic<std::uint64_t> xruns_{0};
    std::array<std::size_t, kXrunLog> xrunFrames_{};
    std::string error_;
};

} // namespace govox::backend::test
