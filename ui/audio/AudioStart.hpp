// AudioStart.hpp - starts the audio output the user chose, falling back device by device
// and backend by backend, and says in one sentence what plays instead and why.
//
// Aims
// - The order: the chosen device; then the chosen backend's default device; then the other
//   live backends' defaults in the engine's fallbackOrder(), ending with null. AudioEngine
//   falls back between backends but not from a missing device to the default one; this
//   does both and words the notice for a person ("Device 'USB DAC' is not connected;
//   playing through 'Built-in Audio' instead").
// - Usable at start-up and on Apply alike, against a Studio (the app), a bare AudioEngine
//   (tests, headless tools) or any AudioStarter.
//
// Threads: the control (UI) thread, like the engine's start(). It may block while backends
// are probed (JACK and ALSA probing takes up to a second).
#pragma once

#include "engine/audio/AudioEngine.hpp"
#include "engine/backend/AudioBackend.hpp"
#include "ui/audio/AudioSettings.hpp"

#include <QString>

#include <functional>
#include <string>
#include <vector>

namespace govox::ui {

class Studio;

struct StartResult {
    bool playing = false;
    QString error;              // why nothing at all could be opened (when !playing)
    QString notice;             // why what plays differs from the settings; empty when it does not
    backend::StreamInfo stream; // what plays (when playing)
};

// How to start one exact configuration (no engine fallback) and read back what opened.
struct AudioStarter {
    std::function<std::string(const audio::EngineConfig&)> start; // error or empty
    std::function<backend::StreamInfo()> opened;
    std::function<std::vector<backend::DeviceInfo>(backend::BackendKind, std::string&)> devices =
        backend::listOutputDevices;
};

StartResult startWithFallback(const AudioSettings& settings, const AudioStarter& starter);
// Through Studio::startAudio, so a voice that was playing is reopened on the new stream.
StartResult startWithFallback(Studio& studio, const AudioSettings& settings);
StartResult startWithFallback(audio::AudioEngine& engine, const AudioSettings& settings);

} // namespace govox::ui
