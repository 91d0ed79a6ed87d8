#include "ui/presets/PresetFit.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace govox::presets {

std::vector<presets::ParamRange> paramRanges(const std::vector<host::ParamInfo>& params) {
    std::vector<presets::ParamRange> out;
    out.reserve(params.size());
    for (const host::ParamInfo& p : params) {
        // An unknown curve from a newer SDK is judged as linear, as the knobs draw it.
        const auto curve =
            p.curve <= 3 ? static_cast<presets::ParamCurve>(p.curve) : presets::ParamCurve::Linear;
        out.push_back({QString::fromStdString(p.name), QString::fromStdString(p.unit), p.min, p.max,
                       p.defaultValue, curve});
    }
    return out;
}

PresetFit fitPreset(presets::Preset preset, const QString& voice,
                    const std::vector<host::ParamInfo>& params) {
    PresetFit fit;
    fit.error = presets::checkPresetVoice(preset, voice);
    if (!fit.ok()) return fit;
    fit.report = presets::clampToParams(preset, paramRanges(params));
    for (const host::ParamInfo& p : params) {
        const QString name = QString::fromStdString(p.name);
        if (const auto it = preset.params.constFind(name); it != preset.params.cend())
            fit.values.insert(name, it.value());
    }
    fit.preset = std::move(preset);
    return fit;
}

double tidyValue(double value) {
    // Beyond a float's range (never a declared parameter's value) there is nothing to tidy.
    if (!(std::fabs(value) <= std::numeric_limits<float>::max())) return value;
    char text[32];
    const auto [end, ec] = std::to_chars(text, text + sizeof text - 1, static_cast<float>(value));
    if (ec != std::errc{}) return value;
    *end = '\0';
    return std::strtod(text, nullptr);
}

} // namespace govox::presets
