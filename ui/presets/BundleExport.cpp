#include "ui/presets/BundleExport.hpp"

#include "ui/presets/AtomicFile.hpp"
#include "ui/presets/JsonFields.hpp"
#include "ui/presets/PresetLimits.hpp"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>

namespace govox::presets {
namespace {

bool byPath(const SourceFile& a, const SourceFile& b) {
    return a.path < b.path;
}

// Reads one source file for comparison or export; false when it is unreadable or too big.
bool readSmallFile(const QString& path, QByteArray& out, QString& error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.size() > kMaxSourceFileBytes) {
        error = QStringLiteral("%1 is too big for a bundle: %2 bytes, at most %3")
                    .arg(path)
                    .arg(file.size())
                    .arg(kMaxSourceFileBytes);
        return false;
    }
    out = file.read(kMaxSourceFileBytes + 1);
    return true;
}

// Why the source under `folder` (every .go, go.mod and go.sum, in subfolders too) is not
// exactly `files`; empty when it is.
QString sourceDifference(const QString& folder, const QList<SourceFile>& files) {
    QList<SourceFile> present;
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (!isSourceFileName(it.fileName())) continue;
        SourceFile file{QDir(folder).relativeFilePath(path), {}};
        QString error;
        if (!readSmallFile(path, file.content, error)) return error;
        present << file;
    }
    std::sort(present.begin(), present.end(), byPath);
    QList<SourceFile> wanted = files;
    std::sort(wanted.begin(), wanted.end(), byPath);
    for (const SourceFile& f : wanted) {
        const auto same = std::find_if(present.begin(), present.end(),
                                       [&](const SourceFile& p) { return p.path == f.path; });
        if (same == present.end()) return QStringLiteral("it has no %1").arg(f.path);
        if (same->content != f.content) return QStringLiteral("its %1 differs").arg(f.path);
    }
    for (const SourceFile& p : present)
        if (!std::any_of(wanted.begin(), wanted.end(),
                         [&](const SourceFile& f) { return f.path == p.path; }))
            return QStringLiteral("it has %1, which the bundle has not").arg(p.path);
    return {};
}

bool isEmptyFolder(const QString& folder) {
    return QDir(folder).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::System |
                                QDir::NoDotAndDotDot);
}

// Every file into a new temporary folder beside `dest`; empty error on success.
QString unpack(const QList<SourceFile>& files, const QString& dest, QTemporaryDir& temp) {
    if (!temp.isValid())
        return QStringLiteral("cannot create a temporary folder beside %1: %2")
            .arg(dest, temp.errorString());
    for (const SourceFile& f : files) {
        const QString path = temp.filePath(f.path);
        if (!QDir().mkpath(QFileInfo(path).path()))
            return QStringLiteral("cannot create the folder for %1").arg(f.path);
        if (QString error = writeFileAtomically(path, f.content); !error.isEmpty()) return error;
    }
    return {};
}

QString asideName(const QString& dest) {
    const QFileInfo info(dest);
    const QString stem = QStringLiteral("%1/.%2.replaced-%3")
                             .arg(info.path(), info.fileName(),
                                  QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss"));
    QString path = stem;
    for (int n = 2; QFileInfo::exists(path); ++n) path = stem + QStringLiteral("-%1").arg(n);
    return path;
}

// Puts the unpacked `temp` folder at `dest`, moving a previous `dest` aside when there is one.
QString install(QTemporaryDir& temp, const QString& dest, QString& movedAside) {
    QDir dir;
    if (QFileInfo::exists(dest) && isEmptyFolder(dest)) dir.rmdir(dest);
    if (QFileInfo::exists(dest)) {
        movedAside = asideName(dest);
        if (!dir.rename(dest, movedAside))
            return QStringLiteral("cannot move the previous source %1 aside to %2")
                .arg(dest, movedAside);
    }
    if (!dir.rename(temp.path(), dest)) {
        if (!movedAside.isEmpty() && dir.rename(movedAside, dest)) movedAside.clear();
        return QStringLiteral("cannot move the unpacked source into %1").arg(dest);
    }
    temp.setAutoRemove(false);
    return {};
}

// The source part of an import: checks the destination, then unpacks and installs.
QString importSource(const Bundle& bundle, const QString& dest, Overwrite overwrite,
                     BundleImportResult& result) {
    if (dest.isEmpty())
        return QStringLiteral("the bundle holds source, but no folder was given for it");
    const QFileInfo info(dest);
    if (info.exists() && !info.isDir())
        return QStringLiteral("%1 exists and is not a folder").arg(dest);
    if (info.exists() && !isEmptyFolder(dest)) {
        const QString difference = sourceDifference(dest, bundle.source);
        if (difference.isEmpty()) {
            result.sourceUnchanged = true;
            result.sourceFolder = dest;
            return {};
        }
        if (overwrite == Overwrite::Refuse)
            return QStringLiteral("%1 already holds a different source (%2); nothing was "
                                  "written: choose another folder or replace it")
                .arg(dest, difference);
    }
    if (!QDir().mkpath(info.path()))
        return QStringLiteral("cannot create the folder %1").arg(info.path());
    QTemporaryDir temp(QStringLiteral("%1/.%2.import-XXXXXX").arg(info.path(), info.fileName()));
    if (QString error = unpack(bundle.source, dest, temp); !error.isEmpty()) return error;
    if (QString error = install(temp, dest, result.movedAside); !error.isEmpty()) return error;
    result.sourceFolder = dest;
    return {};
}

} // namespace

SourceRead readVoiceSource(const QString& voiceFolder) {
    const QDir dir(voiceFolder);
    if (!dir.exists()) return {{}, QStringLiteral("there is no folder %1").arg(voiceFolder)};
    SourceRead result;
    for (const QString& name : dir.entryList(QDir::Files, QDir::Name)) {
        if (!isSourceFileName(name)) continue;
        SourceFile file{name, {}};
        if (!readSmallFile(dir.filePath(name), file.content, result.error)) return result;
        result.files << file;
    }
    if (std::none_of(result.files.begin(), result.files.end(),
                     [](const SourceFile& f) { return f.path.endsWith(QLatin1String(".go")); }))
        result.error = QStringLiteral("%1 holds no Go source (.go files)").arg(voiceFolder);
    return result;
}

QString defaultVoiceSourceFolder(const QString& voice) {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/govox/voices/") + safeFileName(voice);
}

ExportResult exportBundle(const QString& voice, const QString& voiceFolder,
                          const QList<Preset>& presets, const QString& filePath,
                          Overwrite overwrite) {
    const SourceRead source = readVoiceSource(voiceFolder);
    if (!source.ok()) return {{}, source.error};
    const Bundle bundle{voice, presets, source.files};
    if (QString problem = checkBundle(bundle); !problem.isEmpty()) return {{}, problem};
    QString path = filePath;
    if (QFileInfo(path).suffix().isEmpty()) path += QLatin1String(kBundleSuffix);
    if (overwrite == Overwrite::Refuse && QFileInfo::exists(path))
        return {{}, QStringLiteral("%1 already exists; nothing was exported").arg(path)};
    if (QString error = writeFileAtomically(path, writeBundle(bundle)); !error.isEmpty())
        return {{}, error};
    return {{path}, {}};
}

BundleImportResult importBundle(PresetStore& store, const QString& bundlePath,
                                const QString& sourceFolder, Overwrite overwrite) {
    BundleImportResult result;
    const BundleReadResult read = readBundleFile(bundlePath);
    if (!read.ok()) {
        result.error = read.error;
        return result;
    }
    result.voice = read.bundle.voice;
    if (!read.bundle.source.isEmpty()) {
        if (QString error = importSource(read.bundle, sourceFolder, overwrite, result);
            !error.isEmpty()) {
            result.error = QStringLiteral("%1: %2").arg(bundlePath, error);
            return result;
        }
    }
    result.presets = importPresets(store, read.bundle.presets, read.bundle.voice);
    return result;
}

} // namespace govox::presets
