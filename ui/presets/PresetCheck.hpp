// PresetCheck.hpp - fits a preset to the voice that will play it: the right voice, values
// inside each parameter's range, and a word about every name that does not match.
//
// Aims
// - The codec reads what a file says; only here, with the voice's declared parameters in
//   hand, are values judged. Out of range is clamped with a warning, never an error: an
//   edited voice that narrowed a range still loads its old presets.
// - Names the voice does not have are kept in the preset (and so in its file when saved
//   again) and reported, never silently dropped: a later build may bring them back.
//
// Threads: any; allocates.
#pragma once

#include "ui/presets/Preset.hpp"

#include <QString>
#include <QStringList>

#include <vector>

namespace govox::presets {

// As govox_param_curve in engine/abi/govox_abi.h.
enum class ParamCurve { Linear = 0, Exponential = 1, Decibel = 2, Stepped = 3 };

// One parameter as the voice declares it (engine/host/ParamInfo.hpp).
struct ParamRange {
    QString name;
    QString unit; // "Hz", "dB", "" ...
    double min = 0.0;
    double max = 1.0;
    double defaultValue = 0.0;
    ParamCurve curve = ParamCurve::Linear;
};

struct FitReport {
    QStringList warnings; // values changed: "Cutoff: 20000 Hz is above 80 to 12000 Hz; 12000 used"
    QStringList unknown;  // names the voice does not have, kept in the preset, not applied
    QStringList missing;  // parameters the preset has no value for (they keep their value)
    bool clean() const { return warnings.isEmpty() && unknown.isEmpty(); }
    // The whole report as lines for a person, empty when there is nothing to say.
    QStringList lines() const;
};

// Clamps every value of `preset` that the voice declares into [min, max], rounds stepped
// parameters to whole steps, and replaces a non-finite value with the default.
FitReport clampToParams(Preset& preset, const std::vector<ParamRange>& params);

// Empty when `preset` was made for `voice`, else a message naming both voices.
QString checkPresetVoice(const Preset& preset, const QString& voice);

} // namespace govox::presets
