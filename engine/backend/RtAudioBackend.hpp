// RtAudioBackend.hpp - ALSA and PulseAudio output through RtAudio 5 (JACK has its own
// adapter, JackAudioBackend.hpp, which says why).
//
// Aims
// - Stereo float32 non-interleaved: RtAudio's output buffer is the left block followed by
//   the right block, which go straight to AudioCallback::render() with no copy or
//   conversion of ours.
// - RtAudio 5 reports failures by throwing RtAudioError. Every call into it is caught
//   here and turned into a message that names the backend and the problem, so nothing
//   throws out of this class.
// - The trampoline RtAudio calls on its audio thread only forwards: an underflow flag to
//   xrun(), the buffer to render().
//
// Threads: every member function on one control thread. The callback's render() and
// xrun() run on RtAudio's audio thread between start() and stop(). start() allocates
// (RtAudio's stream buffers); the audio thread never does. RtAudio's ALSA and PulseAudio
// loops take a stream mutex around each device write, which only start() and stop()
// contend for.
#pragma once

#include "engine/backend/AudioBackend.hpp"
#include "engine/rt/RealtimeAttributes.hpp"

#include <memory>
#include <string>

class RtAudio; // <RtAudio.h> stays private to the engine target

namespace govox::backend {

class RtAudioBackend final : public AudioBackend {
public:
    // kind is Alsa or Pulse.
    explicit RtAudioBackend(BackendKind kind);
    ~RtAudioBackend() override; // stops the stream
    RtAudioBackend(const RtAudioBackend&) = delete;
    RtAudioBackend& operator=(const RtAudioBackend&) = delete;

    // Opens request.device (empty: the default output) at the requested rate and buffer
    // size. Fails when already running.
    std::string start(const StreamRequest& request, rt::AudioCallback& callback) override;
    // Stops and closes the stream; RtAudio joins its thread, so the callback has returned
    // for good when this returns.
    void stop() override;
    bool running() const override;
    StreamInfo info() const override;
    // Set when the stream was closed from outside.
    std::string lastError() const override;

private:
    std::string open(const StreamRequest& request, rt::AudioCallback& callback);

    BackendKind kind_;
    std::unique_ptr<RtAudio> audio_; // null unless a stream is open
    StreamInfo info_;
    std::string failure_; // lastError() as it was when the stream was stopped
};

} // namespace govox::backend
