// PresetExport.hpp - presets out of the library and into it: one preset to a file, a
// selection or a voice's whole library to a folder (one file each) or to one file (a bundle
// without source); and back in from a preset file, a folder of them or such a bundle.
//
// Aims
// - Importing never overwrites: a preset whose name is taken is saved as "Name (2)", one
//   that is already in the library unchanged is skipped, and both are reported.
// - Exporting overwrites only when asked, and checks every target before writing the first,
//   so a refused export writes nothing.
// - A folder import goes on past a bad file and reports it, with its reason.
//
// Threads: the thread that owns the store; blocking I/O, allocates.
#pragma once

#include "ui/presets/Preset.hpp"
#include "ui/presets/PresetStore.hpp"

#include <QList>
#include <QString>
#include <QStringList>

namespace govox::presets {

struct ExportResult {
    QStringList written; // the files written
    QString error;       // non-empty: the export stopped (and says what was written, if any)
    bool ok() const { return error.isEmpty(); }
};

struct ImportResult {
    QStringList imported; // names as saved in the store
    QStringList notes;    // renamed on a clash, or skipped as already there
    QStringList problems; // files or presets that could not be imported, with the reason
    QString error;        // non-empty: nothing was imported
    bool ok() const { return error.isEmpty(); }
    // Nothing imported, and why; `problem` (if any) is listed with the file's problems too.
    static ImportResult failed(const QString& why, const QString& problem = {}) {
        ImportResult r;
        r.error = why;
        if (!problem.isEmpty()) r.problems << problem;
        return r;
    }
};

// One preset to `filePath` (".govoxpreset" is added when the name has no suffix).
ExportResult exportPreset(const Preset& preset, const QString& filePath, Overwrite overwrite);
// Presets to `folder` (created if needed), one file each, named after the presets.
ExportResult exportPresets(const QList<Preset>& presets, const QString& folder,
                           Overwrite overwrite);
// Presets of one voice to one .govoxbundle file without source.
ExportResult exportPresetsToFile(const QList<Preset>& presets, const QString& filePath,
                                 Overwrite overwrite);
// Every preset of `voice`, factory and user, to a folder.
ExportResult exportLibrary(const PresetStore& store, const QString& voice, const QString& folder,
                           Overwrite overwrite);

// `voice` empty: any voice; else presets of another voice are refused, naming both voices.
ImportResult importPresets(PresetStore& store, const QList<Preset>& presets, const QString& voice);
ImportResult importPresetFile(PresetStore& store, const QString& path, const QString& voice);
// Every .govoxpreset file at the top of `folder`.
ImportResult importPresetFolder(PresetStore& store, const QString& folder, const QString& voice);

} // namespace govox::presets
