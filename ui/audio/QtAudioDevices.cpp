#include "ui/audio/QtAudioDevices.hpp"

#include "ui/audio/AudioSettings.hpp"

#include <QMediaDevices>

namespace govox::ui {
namespace {

// Qt 6.4 on Linux talks to PulseAudio (or PipeWire's PulseAudio server) only.
const char* const kNoOutputs =
    "Qt Multimedia: no audio output found (is PulseAudio or PipeWire running?)";

std::string nameOf(const QAudioDevice& d) {
    return d.description().toStdString();
}

backend::DeviceInfo toDeviceInfo(const QAudioDevice& d) {
    backend::DeviceInfo info;
    info.name = nameOf(d);
    info.isDefault = d.isDefault();
    for (std::uint32_t rate : standardSampleRates())
        if (static_cast<int>(rate) >= d.minimumSampleRate() &&
            static_cast<int>(rate) <= d.maximumSampleRate())
            info.sampleRates.push_back(rate);
    return info;
}

} // namespace

std::vector<backend::DeviceInfo> listQtAudioOutputs(std::string& error) {
    std::vector<backend::DeviceInfo> list;
    for (const QAudioDevice& d : QMediaDevices::audioOutputs()) list.push_back(toDeviceInfo(d));
    if (list.empty()) error = kNoOutputs;
    return list;
}

std::string findQtAudioOutput(const std::string& name, QAudioDevice& out) {
    const QList<QAudioDevice> devices = QMediaDevices::audioOutputs();
    if (devices.isEmpty()) return kNoOutputs;
    if (name.empty()) {
        out = QMediaDevices::defaultAudioOutput();
        if (out.isNull()) out = devices.front();
        return {};
    }
    std::string available;
    for (const QAudioDevice& d : devices) {
        if (nameOf(d) == name) {
            out = d;
            return {};
        }
        available += (available.empty() ? "'" : ", '") + nameOf(d) + "'";
    }
    return "Qt Multimedia: no output device named '" + name + "'; available: " + available;
}

} // namespace govox::ui
