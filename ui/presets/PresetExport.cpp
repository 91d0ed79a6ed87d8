#include "ui/presets/PresetExport.hpp"

#include "ui/presets/AtomicFile.hpp"
#include "ui/presets/BundleCodec.hpp"
#include "ui/presets/JsonFields.hpp"
#include "ui/presets/PresetCheck.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/presets/PresetLimits.hpp"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>

namespace govox::presets {
namespace {

QString withSuffix(const QString& path, const char* suffix) {
    return QFileInfo(path).suffix().isEmpty() ? path + QLatin1String(suffix) : path;
}

// Writes every (path, bytes) pair, after checking that none would overwrite unasked.
ExportResult writeAll(const QList<std::pair<QString, QByteArray>>& files, Overwrite overwrite) {
    ExportResult result;
    if (overwrite == Overwrite::Refuse)
        for (const auto& [path, bytes] : files)
            if (QFileInfo::exists(path))
                return {{}, QStringLiteral("%1 already exists; nothing was exported").arg(path)};
    for (const auto& [path, bytes] : files) {
        const QString folder = QFileInfo(path).path();
        QString error = QDir().mkpath(folder)
                            ? writeFileAtomically(path, bytes)
                            : QStringLiteral("cannot create the folder %1").arg(folder);
        if (!error.isEmpty()) {
            result.error = error;
            if (!result.written.isEmpty())
                result.error += QStringLiteral(" (written before it: %1)")
                                    .arg(result.written.join(QStringLiteral(", ")));
            return result;
        }
        result.written << path;
    }
    return result;
}

QString firstProblem(const QList<Preset>& presets) {
    for (const Preset& p : presets)
        if (QString problem = checkPreset(p); !problem.isEmpty()) return problem;
    return {};
}

bool sameExceptName(Preset a, const Preset& b) {
    a.name = b.name;
    return a == b;
}

// An earlier import of the same preset, under its name or as "name (n)": importing the same
// file twice does not fill the library with copies.
const PresetEntry* earlierImport(const PresetList& all, const Preset& preset) {
    const QRegularExpression numbered(
        QStringLiteral("^%1 \\(\\d+\\)$").arg(QRegularExpression::escape(preset.name)));
    for (const PresetEntry& e : all.entries)
        if (sameExceptName(e.preset, preset) &&
            (e.preset.name == preset.name || numbered.match(e.preset.name).hasMatch()))
            return &e;
    return nullptr;
}

// Saves one preset under a free name, or notes that an equal one is there already.
void importOne(PresetStore& store, Preset preset, ImportResult& result) {
    const PresetList library = store.list(preset.voice);
    if (const PresetEntry* e = earlierImport(library, preset)) {
        result.notes << QStringLiteral("%1 is already in the library as %2; skipped")
                            .arg(json::quoted(preset.name), json::quoted(e->preset.name));
        return;
    }
    const QString wanted = preset.name;
    preset.name = store.freeName(preset.voice, wanted);
    // A name at the length limit has no room for " (2)": fall back to a shorter stem.
    if (!checkPreset(preset).isEmpty() && preset.name != wanted)
        preset.name = store.freeName(preset.voice, wanted.left(kMaxPresetNameChars - 8));
    const StoreResult saved = store.save(preset, Overwrite::Refuse);
    if (!saved.ok()) {
        result.problems << saved.error;
        return;
    }
    result.imported << preset.name;
    if (preset.name != wanted)
        result.notes << QStringLiteral("%1 was taken; imported as %2")
                            .arg(json::quoted(wanted), json::quoted(preset.name));
}

} // namespace

ExportResult exportPreset(const Preset& preset, const QString& filePath, Overwrite overwrite) {
    if (QString problem = checkPreset(preset); !problem.isEmpty()) return {{}, problem};
    return writeAll({{withSuffix(filePath, kPresetSuffix), writePreset(preset)}}, overwrite);
}

ExportResult exportPresets(const QList<Preset>& presets, const QString& folder,
                           Overwrite overwrite) {
    if (QString problem = firstProblem(presets); !problem.isEmpty()) return {{}, problem};
    QList<std::pair<QString, QByteArray>> files;
    QSet<QString> taken;
    for (const Preset& p : presets) {
        // Two presets (of two voices, or two names with the same safe spelling) may want
        // the same file name.
        const QString stem = QDir(folder).filePath(safeFileName(p.name));
        QString path = stem + kPresetSuffix;
        for (int n = 2; taken.contains(path); ++n)
            path = QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(kPresetSuffix);
        taken.insert(path);
        files.append({path, writePreset(p)});
    }
    return writeAll(files, overwrite);
}

ExportResult exportPresetsToFile(const QList<Preset>& presets, const QString& filePath,
                                 Overwrite overwrite) {
    if (presets.isEmpty()) return {{}, QStringLiteral("no presets to export")};
    const Bundle bundle{presets.first().voice, presets, {}};
    if (QString problem = checkBundle(bundle); !problem.isEmpty()) return {{}, problem};
    return writeAll({{withSuffix(filePath, kBundleSuffix), writeBundle(bundle)}}, overwrite);
}

ExportResult exportLibrary(const PresetStore& store, const QString& voice, const QString& folder,
                           Overwrite overwrite) {
    const PresetList all = store.list(voice);
    if (all.entries.isEmpty())
        return {{},
                QStringLiteral("the voice %1 has no presets to export").arg(json::quoted(voice))};
    QList<Preset> presets;
    for (const PresetEntry& e : all.entries) presets << e.preset;
    return exportPresets(presets, folder, overwrite);
}

ImportResult importPresets(PresetStore& store, const QList<Preset>& presets, const QString& voice) {
    ImportResult result;
    for (const Preset& p : presets) {
        if (!voice.isEmpty()) {
            if (QString other = checkPresetVoice(p, voice); !other.isEmpty()) {
                result.problems << other;
                continue;
            }
        }
        importOne(store, p, result);
    }
    if (result.imported.isEmpty() && !result.problems.isEmpty())
        result.error = result.problems.join(u'\n');
    return result;
}

ImportResult importPresetFile(PresetStore& store, const QString& path, const QString& voice) {
    const PresetReadResult read = readPresetFile(path);
    if (!read.ok()) return ImportResult::failed(read.error, read.error);
    return importPresets(store, {read.preset}, voice);
}

ImportResult importPresetFolder(PresetStore& store, const QString& folder, const QString& voice) {
    const QDir dir(folder);
    if (!dir.exists())
        return ImportResult::failed(QStringLiteral("there is no folder %1").arg(folder));
    QList<Preset> presets;
    QStringList problems;
    for (const QString& file :
         dir.entryList({QStringLiteral("*") + kPresetSuffix}, QDir::Files, QDir::Name)) {
        const PresetReadResult read = readPresetFile(dir.filePath(file));
        if (read.ok())
            presets << read.preset;
        else
            problems << read.error;
    }
    if (presets.isEmpty() && problems.isEmpty())
        return ImportResult::failed(
            QStringLiteral("%1 holds no %2 files").arg(folder, kPresetSuffix));
    ImportResult result = importPresets(store, presets, voice);
    result.problems = problems + result.problems;
    if (result.imported.isEmpty() && !result.problems.isEmpty())
        result.error = result.problems.join(u'\n');
    return result;
}

} // namespace govox::presets
