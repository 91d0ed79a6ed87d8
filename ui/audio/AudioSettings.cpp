#include "ui/audio/AudioSettings.hpp"

#include <QSettings>

#include <algorithm>

namespace govox::ui {
namespace {

// Keys of the [audio] group. The backend is stored by name, not by enum value, so that
// reordering BackendKind cannot turn a saved JACK into something else.
const char* const kBackend = "audio/backend";
const char* const kDevice = "audio/device";
const char* const kSampleRate = "audio/sampleRate";
const char* const kBufferFrames = "audio/bufferFrames";
const char* const kRingFrames = "audio/ringFrames";

// The stored value when it is a number within [lo, hi]; `fallback` otherwise.
std::uint32_t readFrames(QSettings& s, const char* key, std::uint32_t lo, std::uint32_t hi,
                         std::uint32_t fallback) {
    bool ok = false;
    const qulonglong v = s.value(key).toULongLong(&ok);
    return ok && v >= lo && v <= hi ? static_cast<std::uint32_t>(v) : fallback;
}

} // namespace

void AudioSettings::load(QSettings& s) {
    const AudioSettings defaults;
    backend::BackendKind kind{};
    const std::string name = s.value(kBackend).toString().toStdString();
    const auto& choices = selectableBackends();
    backend = backend::parseBackendKind(name, kind) &&
                      std::find(choices.begin(), choices.end(), kind) != choices.end()
                  ? kind
                  : defaults.backend;
    device = s.value(kDevice, QString()).toString().toStdString();
    sampleRate = readFrames(s, kSampleRate, 8000, 768000, defaults.sampleRate);
    bufferFrames =
        readFrames(s, kBufferFrames, kMinBufferFrames, kMaxBufferFrames, defaults.bufferFrames);
    ringFrames = readFrames(s, kRingFrames, kMinRingFrames, kMaxRingFrames, defaults.ringFrames);
}

void AudioSettings::save(QSettings& s) const {
    s.setValue(kBackend, QString::fromLatin1(backend::backendName(backend)));
    s.setValue(kDevice, QString::fromStdString(device));
    s.setValue(kSampleRate, sampleRate);
    s.setValue(kBufferFrames, bufferFrames);
    s.setValue(kRingFrames, ringFrames);
}

audio::EngineConfig AudioSettings::toEngineConfig() const {
    audio::EngineConfig c;
    c.backend = backend;
    c.fallback = true;
    c.stream.device = device;
    c.stream.sampleRate = sampleRate;
    c.stream.bufferFrames = bufferFrames;
    return c;
}

double AudioSettings::noteLatencyMs() const {
    return sampleRate == 0 ? 0.0 : 1000.0 * double(bufferFrames) / sampleRate;
}

double AudioSettings::latencyMs() const {
    return sampleRate == 0 ? 0.0 : 1000.0 * double(bufferFrames + ringFrames) / sampleRate;
}

const std::vector<backend::BackendKind>& selectableBackends() {
    using backend::BackendKind;
    static const std::vector<BackendKind> kinds{BackendKind::Jack, BackendKind::Alsa,
                                                BackendKind::Pulse, BackendKind::Qt,
                                                BackendKind::Null};
    return kinds;
}

QString backendLabel(backend::BackendKind kind) {
    using backend::BackendKind;
    switch (kind) {
    case BackendKind::Jack: return QStringLiteral("JACK");
    case BackendKind::Alsa: return QStringLiteral("ALSA");
    case BackendKind::Pulse: return QStringLiteral("PulseAudio");
    case BackendKind::Qt: return QStringLiteral("Qt Multimedia");
    case BackendKind::Null: return QStringLiteral("None (silent)");
    case BackendKind::Offline: return QStringLiteral("WAV file");
    }
    return QString::fromLatin1(backend::backendName(kind));
}

const std::vector<std::uint32_t>& standardSampleRates() {
    static const std::vector<std::uint32_t> rates{44100, 48000, 88200, 96000};
    return rates;
}

} // namespace govox::ui
