// libFuzzer target: the bundle reader on arbitrary bytes (a bundle from a stranger). Besides
// not crashing or misbehaving (ASan, UBSan), every source path it accepts must stay inside
// the folder it would be unpacked into, and an accepted bundle must pass the writer's check
// and come back unchanged through a write and a read.
#include "ui/presets/BundleCodec.hpp"
#include "ui/presets/PresetLimits.hpp"

#include <QDir>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace govox::presets;
    const QByteArray bytes(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const BundleReadResult read = readBundle(bytes, QStringLiteral("fuzz"));
    if (!read.ok()) {
        if (!read.error.startsWith(QLatin1String("fuzz: "))) __builtin_trap(); // names its origin
        return 0;
    }
    // Checked independently of checkSourcePath: normalised under a folder, still under it.
    const QString base = QStringLiteral("/unpack/voice");
    for (const SourceFile& f : read.bundle.source) {
        const QString target = QDir::cleanPath(base + u'/' + f.path);
        if (!target.startsWith(base + u'/') || f.path.contains(QChar(0)) ||
            f.path.contains(u'\\') || f.content.size() > kMaxSourceFileBytes)
            __builtin_trap();
    }
    for (const Preset& p : read.bundle.presets)
        if (p.voice != read.bundle.voice) __builtin_trap();
    const QByteArray written = writeBundle(read.bundle);
    if (written.size() <= kMaxBundleFileBytes) {
        if (!checkBundle(read.bundle).isEmpty()) __builtin_trap();
        const BundleReadResult again = readBundle(written, QStringLiteral("fuzz"));
        if (!again.ok() || !(again.bundle == read.bundle)) __builtin_trap();
    }
    return 0;
}
