// Preset.hpp - one saved sound of one Go voice: parameter values by name and the MIDI
// controller mappings learnt for them.
//
// Aims
// - Values are keyed by the parameter's name as the Go voice declares it, never by index,
//   so a preset survives a reload that reorders, adds or removes parameters. Names the
//   voice no longer has stay in the preset (and in its file) and are reported, not dropped.
// - The voice's identity is the instrument name it registers (sdk.Instrument.Name); a
//   preset made for another voice is refused with a message naming both.
// - Qt Core only (no widgets), so the readers can be fuzzed and used headless.
//
// Threads: plain values; any thread, one at a time per object.
#pragma once

#include <QList>
#include <QMap>
#include <QString>

namespace govox::presets {

// The preset file format this build writes and the newest it reads.
inline constexpr int kPresetFormat = 1;

// A MIDI controller moving a parameter across its whole range.
struct MidiMapping {
    int channel = -1;   // 0-15, or -1 for any channel
    int controller = 0; // 0-127 (CC number)
    QString param;      // the parameter's name
    friend bool operator==(const MidiMapping&, const MidiMapping&) = default;
};

struct Preset {
    QString name;                 // what the browser shows, unique per voice in a library
    QString voice;                // the instrument name the Go voice registers
    QString author;               // optional
    QString comment;              // optional
    QMap<QString, double> params; // parameter name -> value in the parameter's own units
    QList<MidiMapping> midiMap;
    friend bool operator==(const Preset&, const Preset&) = default;
};

} // namespace govox::presets
