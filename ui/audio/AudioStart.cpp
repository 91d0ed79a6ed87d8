#include "ui/audio/AudioStart.hpp"

#include "ui/studio/Studio.hpp"

#include <algorithm>

namespace govox::ui {
namespace {

QString quoted(const std::string& s) {
    return "'" + QString::fromStdString(s) + "'";
}

audio::EngineConfig exactly(const AudioSettings& s, backend::BackendKind kind,
                            const std::string& device) {
    audio::EngineConfig c = s.toEngineConfig();
    c.backend = kind;
    c.fallback = false; // this file decides what comes next
    c.stream.device = device;
    return c;
}

// Why the chosen device did not open: gone from the list, or there but refusing. Sets
// `backendDown` when the backend could not even list its devices (no JACK server): its
// default device would fail the same way, so it is not worth trying.
QString deviceProblem(const AudioSettings& s, const AudioStarter& starter, const std::string& error,
                      bool& backendDown) {
    std::string listError;
    const auto devices = starter.devices(s.backend, listError);
    backendDown = devices.empty();
    if (backendDown) return QString::fromStdString(listError.empty() ? error : listError);
    const bool present = std::any_of(devices.begin(), devices.end(),
                                     [&](const auto& d) { return d.name == s.device; });
    return present ? QObject::tr("Device %1 could not be opened (%2)")
                         .arg(quoted(s.device), QString::fromStdString(error))
                   : QObject::tr("Device %1 is not connected").arg(quoted(s.device));
}

// "playing through 'X' instead", naming the backend when it is not the chosen one.
QString instead(const AudioSettings& s, backend::BackendKind kind, const backend::StreamInfo& i) {
    if (kind == backend::BackendKind::Null)
        return QObject::tr("playing through the silent null output instead");
    if (kind == s.backend) return QObject::tr("playing through %1 instead").arg(quoted(i.device));
    return QObject::tr("playing through %1 %2 instead").arg(backendLabel(kind), quoted(i.device));
}

StartResult played(const AudioSettings& s, const AudioStarter& starter, backend::BackendKind kind,
                   const QStringList& problems) {
    StartResult r;
    r.playing = true;
    r.stream = starter.opened();
    QStringList parts = problems;
    if (!problems.isEmpty()) parts << instead(s, kind, r.stream);
    if (r.stream.sampleRate != 0 && r.stream.sampleRate != s.sampleRate)
        parts << QObject::tr("%1 Hz is not available; playing at %2 Hz")
                     .arg(s.sampleRate)
                     .arg(r.stream.sampleRate);
    r.notice = parts.join("; ");
    return r;
}

} // namespace

StartResult startWithFallback(const AudioSettings& s, const AudioStarter& starter) {
    QStringList problems;
    std::string error = starter.start(exactly(s, s.backend, s.device));
    if (error.empty()) return played(s, starter, s.backend, problems);
    if (s.device.empty()) {
        problems << QString::fromStdString(error);
    } else {
        bool backendDown = false;
        problems << deviceProblem(s, starter, error, backendDown);
        if (!backendDown) {
            error = starter.start(exactly(s, s.backend, {}));
            if (error.empty()) return played(s, starter, s.backend, problems);
            problems << QString::fromStdString(error);
        }
    }
    const auto order = audio::fallbackOrder(s.backend);
    for (auto kind = order.begin() + 1; kind != order.end(); ++kind) {
        error = starter.start(exactly(s, *kind, {}));
        if (error.empty()) return played(s, starter, *kind, problems);
        problems << QString::fromStdString(error);
    }
    StartResult r;
    r.error = QObject::tr("No audio output could be opened: %1").arg(problems.join("; "));
    return r;
}

StartResult startWithFallback(Studio& studio, const AudioSettings& settings) {
    AudioStarter starter;
    starter.start = [&](const audio::EngineConfig& c) {
        return studio.startAudio(c, settings.ringFrames).toStdString();
    };
    starter.opened = [&] { return studio.audioStatus().stream; };
    return startWithFallback(settings, starter);
}

StartResult startWithFallback(audio::AudioEngine& engine, const AudioSettings& settings) {
    AudioStarter starter;
    starter.start = [&](const audio::EngineConfig& c) { return engine.start(c); };
    starter.opened = [&] { return engine.status().stream; };
    return startWithFallback(settings, starter);
}

} // namespace govox::ui
