// BackendFactory.cpp - the one table that knows every engine backend.
//
// Adding a backend means a BackendKind value and one row below: its name, how to make it
// and how to list its devices. (The Qt Multimedia output lives in ui/ and is made there.)
#include "engine/backend/AudioBackend.hpp"
#include "engine/backend/JackAudioBackend.hpp"
#include "engine/backend/NullBackend.hpp"
#include "engine/backend/OfflineBackend.hpp"
#include "engine/backend/RtAudioBackend.hpp"
#include "engine/backend/RtAudioDevices.hpp"

namespace govox::backend {
namespace {

struct Entry {
    BackendKind kind;
    const char* name;
    std::unique_ptr<AudioBackend> (*make)(BackendKind kind);
    std::vector<DeviceInfo> (*list)(BackendKind kind, std::string& error);
};

std::unique_ptr<AudioBackend> makeRtAudio(BackendKind kind) {
    return std::make_unique<RtAudioBackend>(kind);
}
std::unique_ptr<AudioBackend> makeJack(BackendKind) {
    return std::make_unique<JackAudioBackend>();
}
std::unique_ptr<AudioBackend> makeNull(BackendKind) {
    return std::make_unique<NullBackend>();
}
std::unique_ptr<AudioBackend> makeOffline(BackendKind) {
    return std::make_unique<OfflineBackend>();
}

// Null and offline have no devices to choose from; one pseudo device keeps device menus
// and `govox devices` uniform.
std::vector<DeviceInfo> listJack(BackendKind, std::string& error) {
    return JackAudioBackend::listOutputs(error);
}
std::vector<DeviceInfo> listNull(BackendKind, std::string&) {
    return {DeviceInfo{"null", true, {}}};
}
std::vector<DeviceInfo> listOffline(BackendKind, std::string&) {
    return {DeviceInfo{"WAV file", true, {}}};
}

constexpr Entry kEntries[] = {
    {BackendKind::Jack, "jack", makeJack, listJack},
    {BackendKind::Alsa, "alsa", makeRtAudio, rtaudio::listRtAudioOutputs},
    {BackendKind::Pulse, "pulse", makeRtAudio, rtaudio::listRtAudioOutputs},
    {BackendKind::Null, "null", makeNull, listNull},
    {BackendKind::Offline, "offline", makeOffline, listOffline},
    {BackendKind::Qt, "qt", nullptr, nullptr}, // registered by ui/ (registerBackend)
};

// Filled by registerBackend() before any stream starts; read-only afterwards.
struct Registered {
    BackendMaker make = nullptr;
    DeviceLister list = nullptr;
};
Registered registeredQt;

const Entry* find(BackendKind kind) noexcept {
    for (const Entry& e : kEntries)
        if (e.kind == kind) return &e;
    return nullptr;
}

} // namespace

const char* backendName(BackendKind kind) noexcept {
    const Entry* e = find(kind);
    return e != nullptr ? e->name : "unknown";
}

bool parseBackendKind(const std::string& name, BackendKind& out) noexcept {
    for (const Entry& e : kEntries)
        if (name == e.name) {
            out = e.kind;
            return true;
        }
    return false;
}

std::unique_ptr<AudioBackend> makeBackend(BackendKind kind) {
    if (kind == BackendKind::Qt) return registeredQt.make ? registeredQt.make() : nullptr;
    const Entry* e = find(kind);
    return e != nullptr && e->make != nullptr ? e->make(kind) : nullptr;
}

void registerBackend(BackendKind kind, BackendMaker make, DeviceLister list) {
    if (kind == BackendKind::Qt) registeredQt = {make, list};
}

std::vector<DeviceInfo> listOutputDevices(BackendKind kind, std::string& error) {
    error.clear();
    if (kind == BackendKind::Qt) {
        if (registeredQt.list) return registeredQt.list(error);
        error = "Qt Multimedia output is not available in this program";
        return {};
    }
    const Entry* e = find(kind);
    if (e == nullptr || e->list == nullptr) {
        error = "unknown backend";
        return {};
    }
    return e->list(kind, error);
}

} // namespace govox::backend
