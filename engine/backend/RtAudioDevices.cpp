#include "engine/backend/RtAudioDevices.hpp"

#include <exception>
#include <utility>

namespace govox::backend::rtaudio {
namespace {

// Why RtAudio sees no device at all. PulseAudio reports nothing when its server is not
// running, which is by far the most common reason, so say so.
std::string noDevicesMessage(BackendKind kind) {
    switch (kind) {
    case BackendKind::Pulse:
        return "PulseAudio: no server running (start PulseAudio or PipeWire, or pick another "
               "backend)";
    default: return std::string(displayName(kind)) + ": no sound card found";
    }
}

std::string namesOf(const std::vector<OutputDevice>& devices) {
    std::string names;
    for (const OutputDevice& d : devices) {
        if (!names.empty()) names += ", ";
        names += "'" + d.info.name + "'";
    }
    return names.empty() ? "none" : names;
}

OutputDevice toOutput(unsigned int id, const RtAudio::DeviceInfo& d) {
    OutputDevice out;
    out.id = id;
    out.info.name = d.name;
    out.info.isDefault = d.isDefaultOutput;
    out.info.sampleRates.assign(d.sampleRates.begin(), d.sampleRates.end());
    return out;
}

} // namespace

RtAudio::Api apiFor(BackendKind kind) noexcept {
    switch (kind) {
    case BackendKind::Alsa: return RtAudio::LINUX_ALSA;
    case BackendKind::Pulse: return RtAudio::LINUX_PULSE;
    default: return RtAudio::UNSPECIFIED;
    }
}

const char* displayName(BackendKind kind) noexcept {
    switch (kind) {
    case BackendKind::Alsa: return "ALSA";
    case BackendKind::Pulse: return "PulseAudio";
    default: return backendName(kind);
    }
}

std::vector<OutputDevice> probeOutputs(RtAudio& audio, BackendKind kind, std::string& error) {
    std::vector<OutputDevice> out;
    try {
        const unsigned int count = audio.getDeviceCount();
        if (count == 0) {
            error = noDevicesMessage(kind);
            return out;
        }
        for (unsigned int id = 0; id < count; ++id) {
            const RtAudio::DeviceInfo d = audio.getDeviceInfo(id);
            // Busy ALSA cards are not probed; they cannot be opened now either.
            if (d.probed && d.outputChannels >= 2) out.push_back(toOutput(id, d));
        }
    } catch (const std::exception& e) {
        error = std::string(displayName(kind)) + ": cannot list devices: " + e.what();
        return {};
    } catch (...) {
        error = std::string(displayName(kind)) + ": cannot list devices";
        return {};
    }
    if (out.empty()) error = std::string(displayName(kind)) + ": no device can play stereo";
    return out;
}

std::string findOutput(RtAudio& audio, BackendKind kind, const std::string& name,
                       OutputDevice& out) {
    std::string problem;
    const std::vector<OutputDevice> devices = probeOutputs(audio, kind, problem);
    // PulseAudio lists nothing when its server is down, and that is what to say
    // even if a device was named; ALSA says which name it could not find.
    if (devices.empty() && (name.empty() || kind != BackendKind::Alsa)) return problem;
    if (!name.empty()) {
        for (const OutputDevice& d : devices)
            if (d.info.name == name) {
                out = d;
                return {};
            }
        return std::string(displayName(kind)) + ": no output device named '" + name +
               "'; available: " + namesOf(devices);
    }
    unsigned int defaultId = devices.front().id;
    try {
        defaultId = audio.getDefaultOutputDevice();
    } catch (...) { // keep the first device
    }
    out = devices.front();
    for (const OutputDevice& d : devices)
        if (d.id == defaultId) out = d;
    return {};
}

std::unique_ptr<RtAudio> makeRtAudio(BackendKind kind, std::string& error) {
    try {
        auto audio = std::make_unique<RtAudio>(apiFor(kind));
        audio->showWarnings(false);
        if (audio->getCurrentApi() == apiFor(kind)) return audio;
        error = std::string(displayName(kind)) + ": not supported by this RtAudio build";
    } catch (const std::exception& e) {
        error = std::string(displayName(kind)) + ": " + e.what();
    } catch (...) {
        error = std::string(displayName(kind)) + ": cannot start RtAudio";
    }
    return nullptr;
}

std::vector<DeviceInfo> listRtAudioOutputs(BackendKind kind, std::string& error) {
    std::vector<DeviceInfo> list;
    const std::unique_ptr<RtAudio> audio = makeRtAudio(kind, error);
    if (!audio) return list;
    for (OutputDevice& d : probeOutputs(*audio, kind, error)) list.push_back(std::move(d.info));
    return list;
}

} // namespace govox::backend::rtaudio
