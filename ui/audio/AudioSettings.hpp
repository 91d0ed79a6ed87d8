// AudioSettings.hpp - the audio output the user chose, as the settings dialog edits it and
// QSettings stores it between runs.
//
// Aims
// - One plain value type that the dialog, MainWindow and startWithFallback() pass around;
//   only this file knows the QSettings keys.
// - load() never fails: a missing or unreadable value falls back to its default, so an old
//   or hand-edited settings file cannot stop the app from making sound.
//
// Threads: any; these are plain values and free functions. QSettings itself is not safe to
// share between threads.
#pragma once

#include "engine/audio/AudioEngine.hpp"
#include "engine/backend/AudioBackend.hpp"

#include <QString>

#include <cstdint>
#include <string>
#include <vector>

class QSettings;

namespace govox::ui {

struct AudioSettings {
    static constexpr std::uint32_t kMinBufferFrames = 32;
    static constexpr std::uint32_t kMaxBufferFrames = 4096;
    static constexpr std::uint32_t kMinRingFrames = 32;
    static constexpr std::uint32_t kMaxRingFrames = 65536;

    backend::BackendKind backend = backend::BackendKind::Jack;
    std::string device; // empty: the backend's default output
    std::uint32_t sampleRate = 48000;
    std::uint32_t bufferFrames = 128; // per callback; a power of two in the dialog
    std::uint32_t ringFrames = 1024;  // what voice hosts keep rendered ahead

    // Reads the [audio] group; each missing or invalid value keeps its default.
    void load(QSettings& settings);
    void save(QSettings& settings) const;

    // The engine configuration for exactly these settings, with the engine's fallback to
    // the other backends on (startWithFallback() drives the fallback itself instead).
    audio::EngineConfig toEngineConfig() const;
    // Latency before the device's own, in ms. A note-on is played one buffer after it
    // happened (the scheduling delay); a change to a sounding note is heard after what is
    // already in its ring as well: buffer + ring at most.
    double noteLatencyMs() const;
    double latencyMs() const;

    bool operator==(const AudioSettings&) const = default;
};

// The backends a user can choose, in menu order: JACK, ALSA, PulseAudio, Qt Multimedia,
// none (null). Offline is not a live output.
const std::vector<backend::BackendKind>& selectableBackends();
// "JACK", "ALSA", "PulseAudio", "Qt Multimedia", "None (silent)": how the UI names them.
QString backendLabel(backend::BackendKind kind);
// Rates offered when a device does not say which it supports.
const std::vector<std::uint32_t>& standardSampleRates();

} // namespace govox::ui
