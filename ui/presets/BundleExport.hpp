// BundleExport.hpp - a voice with its presets, as one file to share: exporting reads the
// voice's Go source folder; importing unpacks the source into a folder the caller names and
// puts the presets into the library.
//
// Aims
// - Nothing is lost and nothing is half-done: the source is unpacked into a temporary folder
//   beside the destination and renamed into place only when complete. A destination that
//   holds a different source is left alone unless the caller asks to replace it, and then
//   it is moved aside (to a hidden ".<name>.replaced-<time>" folder beside it), not deleted.
// - Every path comes from BundleCodec's checks; nothing is written outside the destination.
//
// Threads: the thread that owns the store; blocking I/O, allocates.
#pragma once

#include "ui/presets/BundleCodec.hpp"
#include "ui/presets/PresetExport.hpp"
#include "ui/presets/PresetStore.hpp"

#include <QList>
#include <QString>

namespace govox::presets {

struct SourceRead {
    QList<SourceFile> files; // sorted by path
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// The source files at the top of a voice folder: *.go, go.mod and go.sum (1 MiB each at most).
SourceRead readVoiceSource(const QString& voiceFolder);

// Where an imported voice's source goes by default: $XDG_DATA_HOME/govox/voices/<voice>.
QString defaultVoiceSourceFolder(const QString& voice);

// `voice`'s source (from `voiceFolder`) and `presets` to one file (".govoxbundle" added when
// the name has no suffix). Refuses a bundle over 16 MiB.
ExportResult exportBundle(const QString& voice, const QString& voiceFolder,
                          const QList<Preset>& presets, const QString& filePath,
                          Overwrite overwrite);

struct BundleImportResult {
    QString voice;
    QString sourceFolder;         // where the source is now (empty: the bundle had none)
    QString movedAside;           // where a replaced source folder was moved, if one was
    bool sourceUnchanged = false; // the destination already held exactly this source
    ImportResult presets;
    QString error; // non-empty: nothing was written
    bool ok() const { return error.isEmpty(); }
};

// Reads `bundlePath`, writes its source into `sourceFolder` and its presets into `store`.
// A `sourceFolder` holding other source is replaced only with Overwrite::Replace.
BundleImportResult importBundle(PresetStore& store, const QString& bundlePath,
                                const QString& sourceFolder, Overwrite overwrite);

} // namespace govox::presets
