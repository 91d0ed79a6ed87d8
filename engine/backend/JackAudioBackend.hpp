// JackAudioBackend.hpp - JACK output through libjack itself.
//
// Why not RtAudio (which serves ALSA and PulseAudio): when the JACK server dies, RtAudio 5
// closes the stream from a thread it spawns in its shutdown callback while that callback
// is still printing on JACK's notification thread; jack_client_close then cancels that
// thread (jack2 cancels its threads asynchronously) inside libstdc++'s noexcept stream
// code, and the process ends in std::terminate ("terminate called without an active
// exception": `govox play` died so once in CI when its server was killed). Here the
// shutdown callback only raises a flag, and nothing is closed on a dead server.
//
// Aims
// - Two output ports, "out_left" and "out_right"; JACK's port buffers go straight to
//   AudioCallback::render() with no copy.
// - The server's rate and buffer size are the stream's: a request at another rate fails
//   with a message naming both. A buffer-size or rate change while running ends the
//   stream (lastError() says so) rather than play on with the old size's latency and
//   scheduling figures (or at the wrong rate); the caller reopens it, as after a server
//   restart.
// - start() connects the ports to the device's first two playback ports unless
//   request.connectOutputs is false. Devices are JACK clients with at least two audio
//   input ports ("system" first when it has them).
//
// Threads: every member function on one control thread. render() runs on JACK's process
// thread between start() and stop(); xrun() on JACK's notification thread. The shutdown
// and buffer-size callbacks only store atomics. start() and stop() allocate and talk to
// the server; the process thread never does.
#pragma once

#include "engine/backend/AudioBackend.hpp"

#include <memory>
#include <string>
#include <vector>

namespace govox::backend {

class JackAudioBackend final : public AudioBackend {
public:
    JackAudioBackend();
    ~JackAudioBackend() override; // stops the stream
    JackAudioBackend(const JackAudioBackend&) = delete;
    JackAudioBackend& operator=(const JackAudioBackend&) = delete;

    std::string start(const StreamRequest& request, rt::AudioCallback& callback) override;
    // Deactivates and closes the client; when the server has died, waits for a cycle in
    // progress to end and leaves the client as it is (closing a dead server's client
    // crashes libjack now and then). Either way the callback is not called after it.
    void stop() override;
    bool running() const override;
    StreamInfo info() const override;
    // Set once the server shut the client down or changed its rate or buffer size.
    std::string lastError() const override;

    // JACK clients that can play stereo, as listOutputDevices() reports them.
    static std::vector<DeviceInfo> listOutputs(std::string& error);

    struct Stream; // what JACK's threads see; outlives this object when the server died

private:
    std::unique_ptr<Stream> stream_;
    StreamInfo info_;
    std::string failure_; // lastError() as it was when the stream was stopped
};

} // namespace govox::backend
