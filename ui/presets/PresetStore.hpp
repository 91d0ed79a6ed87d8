// PresetStore.hpp - the presets of each voice: factory presets compiled into the binary
// (read-only) and the user's own in the XDG data directory, one file per preset:
//
//   $XDG_DATA_HOME/govox/presets/<voice>/<name>.govoxpreset   (~/.local/share/...)
//   :/presets/<voice>/*.govoxpreset                            (resources/presets/)
//
// Aims
// - Nothing is lost: saves are atomic, an existing preset is replaced only when the caller
//   says so, a rename writes the new file before removing the old one, factory presets
//   cannot be changed, and a file that cannot be read is reported and left alone.
// - Presets are found by the name inside the file, not by the file name: the file name is
//   only a safe spelling of it (no '/', no leading dot...), made unique in the folder.
// - Every failure is one message for a person, naming the preset, the voice and the file.
//
// Threads: one thread at a time per store (the UI thread); blocking I/O, allocates.
#pragma once

#include "ui/presets/Preset.hpp"

#include <QList>
#include <QString>
#include <QStringList>

namespace govox::presets {

enum class PresetOrigin { Factory, User };
enum class Overwrite { Refuse, Replace };

struct PresetEntry {
    Preset preset;
    PresetOrigin origin = PresetOrigin::User;
    QString path; // the file it was read from (":/presets/..." for a factory preset)
};

struct PresetList {
    QList<PresetEntry> entries; // sorted by name (case-insensitive), factory first on a tie
    QStringList problems;       // files that could not be read, each with its reason
};

struct PresetLoad {
    PresetEntry entry;
    QString error;
    bool ok() const { return error.isEmpty(); }
};

struct StoreResult {
    QString path;  // the file written (save, rename)
    QString error; // non-empty: nothing was changed
    bool ok() const { return error.isEmpty(); }
};

class PresetStore {
public:
    // userRoot holds one folder per voice; factoryRoot the read-only presets, likewise.
    explicit PresetStore(QString userRoot = defaultUserRoot(),
                         QString factoryRoot = QStringLiteral(":/presets"));

    // $XDG_DATA_HOME/govox/presets: the generic data location, not the per-application one,
    // since Govox's commands run under different application names ("Govox", "govox play").
    static QString defaultUserRoot();

    const QString& userRoot() const { return userRoot_; }
    QString userFolder(const QString& voice) const;

    PresetList list(const QString& voice) const;
    // Case-insensitive substring of the name, the comment or the author; "" matches all.
    PresetList search(const QString& voice, const QString& text) const;
    // A user preset is found before a factory preset of the same name.
    PresetLoad load(const QString& voice, const QString& name) const;
    bool contains(const QString& voice, const QString& name) const;
    // `wanted` if free, else "wanted (2)", "wanted (3)"... (names of both origins count).
    QString freeName(const QString& voice, const QString& wanted) const;

    // Into the folder of preset.voice. A user preset of the same name is replaced only with
    // Overwrite::Replace; a factory preset's name is refused.
    StoreResult save(const Preset& preset, Overwrite overwrite);
    StoreResult rename(const QString& voice, const QString& from, const QString& to);
    StoreResult remove(const QString& voice, const QString& name);

private:
    StoreResult findUser(const QString& voice, const QString& name, PresetEntry& out) const;
    QString freeFilePath(const QString& voice, const QString& name) const;

    QString userRoot_;
    QString factoryRoot_;
};

// A file or folder name for `name`: characters that are not safe in a path replaced by '_',
// no leading dot, at most 200 bytes; never empty.
QString safeFileName(const QString& name);

} // namespace govox::presets
