// libFuzzer target: the preset reader on arbitrary bytes (a downloaded or hand-edited file).
// Besides not crashing or misbehaving (ASan, UBSan), whatever it accepts must pass the
// writer's check and come back unchanged through a write and a read.
#include "ui/presets/PresetCheck.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/presets/PresetLimits.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace govox::presets;
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const PresetReadResult read = readPreset(bytes, QStringLiteral("fuzz"));
    if (!read.ok()) {
        if (!read.error.startsWith(QLatin1String("fuzz: "))) __builtin_trap(); // names its origin
        return 0;
    }
    if (!checkPreset(read.preset).isEmpty()) __builtin_trap();
    const QByteArray written = writePreset(read.preset);
    // Pretty-printing may grow a file read at the size limit past it; that one is refused
    // with a message on saving, which is fine.
    if (written.size() <= kMaxPresetFileBytes) {
        const PresetReadResult again = readPreset(written, QStringLiteral("fuzz"));
        if (!again.ok() || !(again.preset == read.preset)) __builtin_trap();
    }
    // Fitting to a voice never produces a value out of range or not a number.
    Preset fitted = read.preset;
    const std::vector<ParamRange> ranges{{"Cutoff", "Hz", 80, 12000, 1800, ParamCurve::Exponential},
                                         {"Mode", "", 0, 3, 1, ParamCurve::Stepped}};
    clampToParams(fitted, ranges);
    for (const ParamRange& r : ranges)
        if (fitted.params.contains(r.name) &&
            !(fitted.params[r.name] >= r.min && fitted.params[r.name] <= r.max))
            __builtin_trap();
    return 0;
}
