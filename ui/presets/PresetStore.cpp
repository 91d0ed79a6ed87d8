#include "ui/presets/PresetStore.hpp"

#include "ui/presets/AtomicFile.hpp"
#include "ui/presets/JsonFields.hpp"
#include "ui/presets/PresetCheck.hpp"
#include "ui/presets/PresetCodec.hpp"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <algorithm>

// Q_INIT_RESOURCE names a function in the global namespace. The factory presets live in the
// static govox_presets library, whose resource initialiser the linker would otherwise drop.
static void initFactoryPresets() {
    Q_INIT_RESOURCE(presets);
}

namespace govox::presets {
namespace {

QString q(const QString& text) {
    return json::quoted(text);
}

void readFolder(const QString& folder, const QString& voice, PresetOrigin origin, PresetList& out) {
    const QDir dir(folder);
    const QStringList files =
        dir.entryList({QStringLiteral("*") + kPresetSuffix}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const QString path = dir.filePath(file);
        PresetReadResult read = readPresetFile(path);
        if (read.ok()) read.error = checkPresetVoice(read.preset, voice);
        if (!read.ok()) {
            out.problems << QStringLiteral("skipped %1")
                                .arg(read.error.startsWith(path) ? read.error
                                                                 : path + ": " + read.error);
            continue;
        }
        out.entries.append({read.preset, origin, path});
    }
}

bool byName(const PresetEntry& a, const PresetEntry& b) {
    const int order = a.preset.name.compare(b.preset.name, Qt::CaseInsensitive);
    if (order != 0) return order < 0;
    if (a.origin != b.origin) return a.origin == PresetOrigin::Factory;
    return a.preset.name < b.preset.name;
}

bool matches(const Preset& p, const QString& text) {
    return p.name.contains(text, Qt::CaseInsensitive) ||
           p.comment.contains(text, Qt::CaseInsensitive) ||
           p.author.contains(text, Qt::CaseInsensitive);
}

const PresetEntry* find(const PresetList& list, const QString& name, PresetOrigin origin) {
    for (const PresetEntry& e : list.entries)
        if (e.origin == origin && e.preset.name == name) return &e;
    return nullptr;
}

QString describe(const QString& name, const QString& voice) {
    return QStringLiteral("preset %1 of the voice %2").arg(q(name), q(voice));
}

} // namespace

QString safeFileName(const QString& name) {
    static const QString unsafe = QStringLiteral("/\\:*?\"<>|");
    QString out;
    for (const QChar c : name)
        out += (c.unicode() < 0x20 || c.unicode() == 0x7f || unsafe.contains(c)) ? u'_' : c;
    // A leading dot hides the file (and "." and ".." are not names); trailing dots and
    // spaces confuse other systems the file may be shared with.
    while (out.startsWith(u'.') || out.startsWith(u' ')) out.remove(0, 1);
    while (out.endsWith(u'.') || out.endsWith(u' ')) out.chop(1);
    // Whole characters only, within 200 bytes (file names are limited to 255).
    while (out.toUtf8().size() > 200) out.chop(out.at(out.size() - 1).isLowSurrogate() ? 2 : 1);
    return out.isEmpty() ? QStringLiteral("preset") : out;
}

PresetStore::PresetStore(QString userRoot, QString factoryRoot)
    : userRoot_(std::move(userRoot)), factoryRoot_(std::move(factoryRoot)) {
    static const bool done = (initFactoryPresets(), true);
    (void)done;
}

QString PresetStore::defaultUserRoot() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/govox/presets");
}

QString PresetStore::userFolder(const QString& voice) const {
    return userRoot_ + u'/' + safeFileName(voice);
}

PresetList PresetStore::list(const QString& voice) const {
    PresetList out;
    if (voice.isEmpty()) return out;
    readFolder(factoryRoot_ + u'/' + safeFileName(voice), voice, PresetOrigin::Factory, out);
    readFolder(userFolder(voice), voice, PresetOrigin::User, out);
    std::sort(out.entries.begin(), out.entries.end(), byName);
    return out;
}

PresetList PresetStore::search(const QString& voice, const QString& text) const {
    PresetList all = list(voice);
    all.entries.removeIf([&](const PresetEntry& e) { return !matches(e.preset, text); });
    return all;
}

PresetLoad PresetStore::load(const QString& voice, const QString& name) const {
    const PresetList all = list(voice);
    for (PresetOrigin origin : {PresetOrigin::User, PresetOrigin::Factory})
        if (const PresetEntry* e = find(all, name, origin)) return {*e, {}};
    return {{}, QStringLiteral("there is no %1").arg(describe(name, voice))};
}

bool PresetStore::contains(const QString& voice, const QString& name) const {
    const PresetList all = list(voice);
    return std::any_of(all.entries.begin(), all.entries.end(),
                       [&](const PresetEntry& e) { return e.preset.name == name; });
}

QString PresetStore::freeName(const QString& voice, const QString& wanted) const {
    const PresetList all = list(voice);
    const auto taken = [&](const QString& name) {
        return std::any_of(all.entries.begin(), all.entries.end(),
                           [&](const PresetEntry& e) { return e.preset.name == name; });
    };
    QString name = wanted;
    for (int n = 2; taken(name); ++n) name = QStringLiteral("%1 (%2)").arg(wanted).arg(n);
    return name;
}

QString PresetStore::freeFilePath(const QString& voice, const QString& name) const {
    const QString stem = userFolder(voice) + u'/' + safeFileName(name);
    QString path = stem + kPresetSuffix;
    // Another name may have the same safe spelling, or the file may be one we cannot read
    // (a newer format): neither is overwritten.
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = QStringLiteral("%1 (%2)%3").arg(stem).arg(n).arg(kPresetSuffix);
    return path;
}

StoreResult PresetStore::findUser(const QString& voice, const QString& name,
                                  PresetEntry& out) const {
    const PresetList all = list(voice);
    if (const PresetEntry* e = find(all, name, PresetOrigin::User)) {
        out = *e;
        return {};
    }
    if (find(all, name, PresetOrigin::Factory))
        return {{},
                QStringLiteral("%1 is a factory preset and cannot be changed; save a copy "
                               "under another name")
                    .arg(describe(name, voice))};
    return {{}, QStringLiteral("there is no %1").arg(describe(name, voice))};
}

StoreResult PresetStore::save(const Preset& preset, Overwrite overwrite) {
    if (QString problem = checkPreset(preset); !problem.isEmpty()) return {{}, problem};
    const PresetList all = list(preset.voice);
    QString path;
    if (find(all, preset.name, PresetOrigin::Factory))
        return {{},
                QStringLiteral("%1 is a factory preset and cannot be replaced; save under "
                               "another name")
                    .arg(describe(preset.name, preset.voice))};
    if (const PresetEntry* existing = find(all, preset.name, PresetOrigin::User)) {
        if (overwrite == Overwrite::Refuse)
            return {{},
                    QStringLiteral("%1 already exists; replace it or choose another name")
                        .arg(describe(preset.name, preset.voice))};
        path = existing->path;
    } else {
        const QString folder = userFolder(preset.voice);
        if (!QDir().mkpath(folder))
            return {{}, QStringLiteral("cannot create the folder %1").arg(folder)};
        path = freeFilePath(preset.voice, preset.name);
    }
    if (QString error = writeFileAtomically(path, writePreset(preset)); !error.isEmpty())
        return {{}, error};
    return {path, {}};
}

StoreResult PresetStore::rename(const QString& voice, const QString& from, const QString& to) {
    PresetEntry entry;
    if (StoreResult found = findUser(voice, from, entry); !found.ok()) return found;
    if (from == to) return {entry.path, {}};
    if (contains(voice, to))
        return {{},
                QStringLiteral("cannot rename %1: %2 already exists")
                    .arg(describe(from, voice), describe(to, voice))};
    Preset renamed = entry.preset;
    renamed.name = to;
    if (QString problem = checkPreset(renamed); !problem.isEmpty()) return {{}, problem};
    // The same safe spelling (a change of "/" to "_", say): rewrite the file in place.
    const bool samePath = safeFileName(from) == safeFileName(to);
    const QString path = samePath ? entry.path : freeFilePath(voice, to);
    if (QString error = writeFileAtomically(path, writePreset(renamed)); !error.isEmpty())
        return {{}, error};
    if (!samePath && !QFile::remove(entry.path)) {
        QFile::remove(path); // keep one copy, under the old name, rather than two
        return {{},
                QStringLiteral("cannot rename %1: the old file %2 cannot be removed")
                    .arg(describe(from, voice), entry.path)};
    }
    return {path, {}};
}

StoreResult PresetStore::remove(const QString& voice, const QString& name) {
    PresetEntry entry;
    if (StoreResult found = findUser(voice, name, entry); !found.ok()) return found;
    QFile file(entry.path);
    if (!file.remove())
        return {{},
                QStringLiteral("cannot delete %1 (%2): %3")
                    .arg(describe(name, voice), entry.path, file.errorString())};
    return {};
}

} // namespace govox::presets
