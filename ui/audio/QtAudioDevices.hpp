// QtAudioDevices.hpp - Qt Multimedia's audio outputs seen as the engine's DeviceInfo.
//
// Aims
// - A device is named by QAudioDevice::description(), what the system's own sound settings
//   show ("Built-in Audio Analog Stereo"), so the name stored in the settings is the one the
//   user picked from a list.
// - Qt reports a range of rates, not a list: the standard rates inside that range are
//   offered (PulseAudio resamples anything between 1 Hz and 384 kHz).
//
// Threads: the UI thread. The first call into QMediaDevices creates Qt's process-wide
// audio service (a PulseAudio connection on Linux) on the calling thread and it stays tied
// to that thread, which must therefore run an event loop for the life of the program.
#pragma once

#include "engine/backend/AudioBackend.hpp"

#include <QAudioDevice>

#include <string>
#include <vector>

namespace govox::ui {

// The outputs QMediaDevices knows, the system default flagged. The DeviceLister that
// registerQtAudioBackend() registers. Empty with `error` set when there are none.
std::vector<backend::DeviceInfo> listQtAudioOutputs(std::string& error);

// The output called `name` (its description), or the default output when name is empty.
// Returns an error naming the device and the ones available, or empty.
std::string findQtAudioOutput(const std::string& name, QAudioDevice& out);

} // namespace govox::ui
