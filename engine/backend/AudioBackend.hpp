// AudioBackend.hpp - the small driver interface every audio output implements.
//
// Aims
// - One adapter file per backend behind this interface (RtAudio, null, offline; the Qt
//   Multimedia one lives in ui/ because it needs Qt). The engine calls outward only
//   through it.
// - start() either runs the stream or returns a message that names the problem (no
//   such device, server not running, rate refused). It never throws.
//
// Threads: start/stop/running/info/lastError from one control thread. The backend calls
// the callback's render() on its audio thread and xrun() on whichever thread learns of an
// underflow. start() allocates; Govox's code on the audio thread never does.
#pragma once

#include "engine/rt/AudioCallback.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace govox::backend {

// Qt is Qt Multimedia's audio sink: it needs Qt, so it lives in ui/ and registers itself.
enum class BackendKind { Jack, Alsa, Pulse, Null, Offline, Qt };

// "jack", "alsa", "pulse", "null", "offline"; parse returns false for anything else.
const char* backendName(BackendKind kind) noexcept;
bool parseBackendKind(const std::string& name, BackendKind& out) noexcept;

struct StreamRequest {
    std::string device; // empty: the backend's default output
    std::uint32_t sampleRate = 48000;
    std::uint32_t bufferFrames = 128; // frames per callback asked for
    std::string clientName = "Govox"; // JACK client / PulseAudio stream name
    bool connectOutputs = true;       // JACK: connect to the system playback ports
    // Offline only: where the WAV goes and how many frames to render (0: until stop()).
    std::string outputPath;
    std::uint64_t offlineFrames = 0;
};

struct StreamInfo {
    std::string backend;                   // backendName()
    std::string device;                    // the device actually opened
    std::uint32_t sampleRate = 0;          // as granted, may differ from the request
    std::uint32_t bufferFrames = 0;        // as granted
    std::uint32_t outputLatencyFrames = 0; // what the device adds after the callback
};

struct DeviceInfo {
    std::string name;
    bool isDefault = false;
    std::vector<std::uint32_t> sampleRates;
};

class AudioBackend {
public:
    virtual ~AudioBackend() = default;
    // Opens the device and starts calling `callback`. Empty string on success.
    virtual std::string start(const StreamRequest& request, rt::AudioCallback& callback) = 0;
    // Stops the stream; after it returns the callback is no longer called.
    virtual void stop() = 0;
    // False before start(), after stop(), and once the stream has ended by itself (an
    // offline render reached its length, the JACK server went away, a write failed).
    virtual bool running() const = 0;
    virtual StreamInfo info() const = 0;
    // Why a stream that start() opened has failed since (device lost, disk full); empty
    // if it has not. Kept until the next start().
    virtual std::string lastError() const { return {}; }
};

// Null when the kind is not available in this program (Qt before ui/ registered it).
std::unique_ptr<AudioBackend> makeBackend(BackendKind kind);

// A backend implemented outside the engine registers how to make it and list its
// devices, once, at start-up (one call per extensible kind).
using BackendMaker = std::unique_ptr<AudioBackend> (*)();
using DeviceLister = std::vector<DeviceInfo> (*)(std::string& error);
void registerBackend(BackendKind kind, BackendMaker make, DeviceLister list);
// Output devices the backend can see; empty (with error set) when it cannot look.
std::vector<DeviceInfo> listOutputDevices(BackendKind kind, std::string& error);

} // namespace govox::backend
