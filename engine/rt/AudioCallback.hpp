// AudioCallback.hpp - what an audio backend calls. The engine's side of the small
// driver interface (see backend/AudioBackend.hpp).
//
// Threads: render() on the backend's audio thread only (real-time: it never allocates,
// locks, logs or blocks); countXrun() on whatever thread the backend reports xruns from.
#pragma once

#include "engine/rt/RealtimeAttributes.hpp"

#include <cstdint>

namespace govox::rt {

class AudioCallback {
public:
    virtual ~AudioCallback() = default;
    // Audio thread: write `frames` frames of the left and right output channels.
    virtual void render(float* left, float* right,
                        std::uint32_t frames) noexcept GOVOX_NONBLOCKING = 0;
    // Audio thread, right before render(), from a JACK backend only: the JACK frame time
    // at which this cycle began (jack_last_frame_time), so events from JACK MIDI clients
    // of the same server are placed by frame, not by time (FrameClock.hpp).
    virtual void cycleFrame(std::uint32_t) noexcept GOVOX_NONBLOCKING {}
    // The backend's thread (the audio thread for RtAudio): the device reported an
    // underflow (an xrun). A relaxed atomic increment.
    virtual void xrun() noexcept GOVOX_NONBLOCKING = 0;
};

} // namespace govox::rt
