// RtAudioDevices.hpp - which RtAudio API serves a backend kind, and its output devices.
//
// Internal to the engine's backend sources: it includes <RtAudio.h>, which only the engine
// target may see. Device probing is shared by the stream adapter (to open a device by
// name) and by listOutputDevices(), so both agree on names and both word "no PulseAudio
// server" the same way.
//
// Threads: control thread only. Everything here allocates, and probing may take a while
// (ALSA opens each card). Nothing here throws.
#pragma once

#include "engine/backend/AudioBackend.hpp"

#include <RtAudio.h>

#include <memory>
#include <string>
#include <vector>

namespace govox::backend::rtaudio {

// Alsa and Pulse only.
RtAudio::Api apiFor(BackendKind kind) noexcept;
// "ALSA", "PulseAudio": how messages name the backend to the user.
const char* displayName(BackendKind kind) noexcept;

// A controller for kind's API with RtAudio's own warnings silenced (failures come back as
// our messages instead), or null with error set.
std::unique_ptr<RtAudio> makeRtAudio(BackendKind kind, std::string& error);

struct OutputDevice {
    unsigned int id = 0; // RtAudio's index, valid until the devices change
    DeviceInfo info;
};

// Devices that can play stereo, in RtAudio's order. On failure (no JACK server, the API
// not compiled in) returns nothing and sets error to a message naming the problem.
std::vector<OutputDevice> probeOutputs(RtAudio& audio, BackendKind kind, std::string& error);

// The device to open: the one called `name`, or the default output when name is empty.
// Returns an error message (naming the device and the ones available) or empty.
std::string findOutput(RtAudio& audio, BackendKind kind, const std::string& name,
                       OutputDevice& out);

// The devices of `kind` as listOutputDevices() reports them.
std::vector<DeviceInfo> listRtAudioOutputs(BackendKind kind, std::string& error);

} // namespace govox::backend::rtaudio
