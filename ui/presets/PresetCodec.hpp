// PresetCodec.hpp - a preset to and from its JSON file (.govoxpreset):
//
//   {"format": 1, "kind": "govox-preset", "name": "Warm", "voice": "pad",
//    "author": "...", "comment": "...", "params": {"Cutoff": 1200, ...},
//    "midiMap": [{"channel": -1, "controller": 74, "param": "Cutoff"}]}
//
// Aims
// - Files are untrusted (downloads, hand edits, fuzzers): reading never crashes and never
//   half-succeeds; it returns the preset or one message naming the file, the field, what
//   was expected and what was found.
// - Values outside a parameter's range are not a reading error: the codec does not know the
//   ranges (see PresetCheck.hpp, which clamps with a warning once the voice is known).
// - What the writer produces the reader accepts: checkPreset() refuses the same things.
//
// Threads: any; allocates. Reading a file does blocking I/O.
#pragma once

#include "ui/presets/Preset.hpp"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace govox::presets {

inline constexpr char kPresetSuffix[] = ".govoxpreset";
inline constexpr char kPresetKind[] = "govox-preset";

struct PresetReadResult {
    Preset preset;
    QString error; // non-empty: nothing was read; names the origin, the field and the problem
    bool ok() const { return error.isEmpty(); }
};

// `origin` names the content in messages (a file path, "clipboard", "bundle.govoxbundle").
PresetReadResult readPreset(const QByteArray& bytes, const QString& origin);
// Refuses a file over kMaxPresetFileBytes before reading it whole.
PresetReadResult readPresetFile(const QString& path);

// What the reader would refuse in `preset` (empty names, lengths, non-finite values,
// controllers or channels out of range...), or empty when it may be written.
QString checkPreset(const Preset& preset);

// Pretty-printed JSON. The caller checks the preset first (checkPreset); a preset that fails
// the check is still written but will not read back.
QByteArray writePreset(const Preset& preset);

// The same as JSON objects, for files that hold several presets (bundles). `field` prefixes
// the field names in messages ("presets[3]").
QJsonObject presetToJson(const Preset& preset);
PresetReadResult presetFromJson(const QJsonObject& object, const QString& origin,
                                const QString& field);

} // namespace govox::presets
