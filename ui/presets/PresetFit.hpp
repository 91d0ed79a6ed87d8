// PresetFit.hpp - a preset made ready for the voice that is running: the right voice, its
// values brought into the declared ranges, and the values to apply, by the names the voice
// declares. Shared by the preset browser and `govox render --preset`, so that the window and
// the command line play a preset alike.
//
// Aims
// - One rule for both: a preset for another voice is refused; values are clamped with a
//   warning (presets::clampToParams); names the voice does not declare are kept in the
//   preset and reported, never applied and never dropped.
// - Names match exactly as clampToParams matches them, so what is reported as unknown is
//   exactly what is not applied.
//
// Threads: any; allocates.
#pragma once

#include "engine/host/ParamInfo.hpp"
#include "ui/presets/Preset.hpp"
#include "ui/presets/PresetCheck.hpp"

#include <QMap>
#include <QString>

#include <vector>

namespace govox::presets {

struct PresetFit {
    presets::Preset preset;       // as fitted: clamped values, unknown names still in it
    presets::FitReport report;    // clamped values, unknown names, parameters it lacks
    QMap<QString, double> values; // what to apply: the declared parameters it has a value for
    QString error;                // non-empty: not for this voice; nothing to apply
    bool ok() const { return error.isEmpty(); }
};

// The ranges presets::clampToParams judges values by, from what a voice host declares.
std::vector<presets::ParamRange> paramRanges(const std::vector<host::ParamInfo>& params);

// `voice` is the identity of the running voice (what presets name in their "voice" field).
PresetFit fitPreset(presets::Preset preset, const QString& voice,
                    const std::vector<host::ParamInfo>& params);

// A value as the voice holds it (a float), written back as the shortest decimal that reads
// back to the same float: a saved 0.55 stays "0.55" in the file, not 0.550000011920929.
double tidyValue(double value);

} // namespace govox::presets
