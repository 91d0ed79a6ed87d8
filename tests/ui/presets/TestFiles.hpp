// TestFiles.hpp - what the preset tests share: sample presets and parameter ranges, files
// in temporary folders, and a snapshot of a folder to prove that nothing in it changed.
#pragma once

#include "ui/presets/Preset.hpp"
#include "ui/presets/PresetCheck.hpp"

#include <QByteArray>
#include <QMap>
#include <QString>

#include <ostream>
#include <vector>

// Readable QString values in GoogleTest's failure messages.
inline void PrintTo(const QString& text, std::ostream* os) {
    *os << '"' << text.toStdString() << '"';
}

namespace govox::presets {
void PrintTo(const Preset& preset, std::ostream* os);
} // namespace govox::presets

namespace govox::presets::test {

// A pad preset touching every kind of parameter the SDK has (linear, exponential, decibel,
// stepped), extreme doubles, Unicode text and MIDI mappings.
Preset richPreset(const QString& name = QStringLiteral("Warm"),
                  const QString& voice = QStringLiteral("pad"));
// A small, plain preset.
Preset simplePreset(const QString& name, const QString& voice = QStringLiteral("pad"),
                    double cutoff = 1200.0);

// The parameters an example voice declares, read from go-plugins/voices/<voice>/main.go, to
// check that the factory presets fit them.
std::vector<ParamRange> exampleVoiceParams(const QString& voice);

QByteArray readFile(const QString& path);
// Creates the folders on the way; false when the file could not be written.
bool writeFile(const QString& path, const QByteArray& bytes);

// Every file under `folder` (hidden ones too), by relative path, with its content.
QMap<QString, QByteArray> snapshot(const QString& folder);

} // namespace govox::presets::test
