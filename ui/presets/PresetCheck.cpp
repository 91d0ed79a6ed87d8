#include "ui/presets/PresetCheck.hpp"

#include "ui/presets/JsonFields.hpp"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace govox::presets {
namespace {

QString withUnit(double value, const QString& unit) {
    const QString number = QString::number(value, 'g', 10);
    return unit.isEmpty() ? number : number + u' ' + unit;
}

QString rangeText(const ParamRange& p) {
    return QStringLiteral("%1 to %2").arg(withUnit(p.min, {}), withUnit(p.max, p.unit));
}

// The value the voice will get, and a warning when it differs from what the preset said.
double fitValue(double value, const ParamRange& p, QStringList& warnings) {
    const QString name = json::quoted(p.name);
    if (!std::isfinite(value)) {
        warnings << QStringLiteral("%1: %2 is not a number; the default %3 is used")
                        .arg(name)
                        .arg(value)
                        .arg(withUnit(p.defaultValue, p.unit));
        return p.defaultValue;
    }
    double fitted = std::clamp(value, p.min, p.max);
    if (fitted != value)
        warnings << QStringLiteral("%1: %2 is outside its range %3; set to %4")
                        .arg(name, withUnit(value, p.unit), rangeText(p), withUnit(fitted, p.unit));
    if (p.curve == ParamCurve::Stepped && std::round(fitted) != fitted) {
        const double stepped = std::clamp(std::round(fitted), std::ceil(p.min), std::floor(p.max));
        warnings << QStringLiteral("%1: %2 is between steps; set to %3")
                        .arg(name, withUnit(fitted, p.unit), withUnit(stepped, p.unit));
        fitted = stepped;
    }
    return fitted;
}

} // namespace

QStringList FitReport::lines() const {
    QStringList out = warnings;
    for (const QString& name : unknown)
        out << QStringLiteral("%1: this voice has no such parameter; kept in the preset, not "
                              "applied")
                   .arg(json::quoted(name));
    return out;
}

FitReport clampToParams(Preset& preset, const std::vector<ParamRange>& params) {
    FitReport report;
    QSet<QString> declared;
    for (const ParamRange& p : params) {
        declared.insert(p.name);
        auto it = preset.params.find(p.name);
        if (it == preset.params.end()) {
            report.missing << p.name;
            continue;
        }
        it.value() = fitValue(it.value(), p, report.warnings);
    }
    for (auto it = preset.params.cbegin(); it != preset.params.cend(); ++it)
        if (!declared.contains(it.key())) report.unknown << it.key();
    for (const MidiMapping& m : preset.midiMap)
        if (!declared.contains(m.param) && !report.unknown.contains(m.param))
            report.unknown << m.param;
    return report;
}

QString checkPresetVoice(const Preset& preset, const QString& voice) {
    if (preset.voice == voice) return {};
    return QStringLiteral("preset %1 is for the voice %2, not for %3")
        .arg(json::quoted(preset.name), json::quoted(preset.voice), json::quoted(voice));
}

} // namespace govox::presets
