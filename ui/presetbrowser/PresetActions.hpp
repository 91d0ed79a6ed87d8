// PresetActions.hpp - what the preset browser does, without its dialogs: list, search, load,
// save, rename, delete, export and import the presets of the voice that is running. The
// browser asks the user for names, files and confirmations and calls these with the answers;
// tests call them directly.
//
// Aims
// - Loading fits the preset to the running voice (PresetFit: another voice is refused,
//   values are clamped with a warning, unknown names reported), applies its values as one
//   undo step (ParamPanel::applyValues) and its MIDI mappings (MidiLearn::setMappings).
// - Saving never loses anything: it writes every declared parameter's current value, the
//   current mappings, and the values the loaded preset held for names the voice no longer
//   declares (a later build may bring them back). Factory presets are never written.
// - The loaded preset is remembered with the values the voice held right after loading or
//   saving it, so the browser can mark the sound as changed (dirty) at any time.
// - Every result is one message for a person, and notes for what else happened.
//
// Threads: UI thread (the studio, the panel and the store are all UI-thread objects).
#pragma once

#include "ui/presets/Preset.hpp"
#include "ui/presets/PresetStore.hpp"

#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace govox::ui {
class Studio;
}
namespace govox::params {
class ParamPanel;
}

namespace govox::presetbrowser {

struct ActionResult {
    QString summary;   // what was done, one line ("Saved 'Warm'", "Imported 3 presets")
    QStringList notes; // what else to know: clamped values, kept names, renamed imports
    QString error;     // non-empty: the action failed (and says what, if anything, changed)
    // Bundle imports: the voice the bundle holds and where its source is now.
    QString voice;
    QString sourceFolder;
    bool ok() const { return error.isEmpty(); }

    static ActionResult done(QString summary) {
        ActionResult r;
        r.summary = std::move(summary);
        return r;
    }
    static ActionResult failed(QString error) {
        ActionResult r;
        r.error = std::move(error);
        return r;
    }
};

// How several presets are exported.
enum class ExportShape { FilePerPreset, OneFile };

class PresetActions final : public QObject {
    Q_OBJECT

public:
    // None is owned; all must outlive this object.
    PresetActions(ui::Studio& studio, params::ParamPanel& panel, presets::PresetStore& store,
                  QObject* parent = nullptr);

    presets::PresetStore& store() { return store_; }
    // The running voice's identity, as presets name it in their "voice" field; empty when
    // no voice is open.
    QString voice() const;

    // The voice's presets whose name, comment or author contains `search` ("" for all).
    presets::PresetList list(const QString& search = {}) const;

    // The preset last loaded or saved (for the running voice), if any.
    const presets::PresetEntry* loaded() const { return loaded_ ? &loaded_->entry : nullptr; }
    // True when the sound differs from the loaded preset: a value or a mapping was changed.
    bool dirty() const;

    ActionResult load(const QString& name);
    // A preset read elsewhere (a file, a test), as if it had been picked in the library.
    ActionResult apply(const presets::PresetEntry& entry);
    // Writes the sound over the loaded preset; refused when none is loaded or it is a
    // factory preset (Save As makes a user copy).
    ActionResult save();
    // Writes the sound as a new user preset named `name` (replacing a user preset of that
    // name only with Overwrite::Replace) and makes it the loaded preset.
    ActionResult saveAs(const QString& name, presets::Overwrite overwrite);
    ActionResult rename(const QString& from, const QString& to);
    ActionResult remove(const QString& name);

    // The sound as a preset named `name`: declared values, mappings, kept names.
    presets::Preset currentSound(const QString& name) const;

    // One preset to a file; several to a folder (a file each) or to one .govoxbundle.
    ActionResult exportPresets(const QStringList& names, const QString& target, ExportShape shape,
                               presets::Overwrite overwrite);
    // Every preset of the voice, factory and user, to a folder, a file each.
    ActionResult exportLibrary(const QString& folder, presets::Overwrite overwrite);
    // The voice's Go source (its folder) with every preset of the voice, to one file.
    ActionResult exportBundle(const QString& filePath, presets::Overwrite overwrite);

    // Preset files (.govoxpreset) or bundles without source, for the running voice.
    ActionResult importFiles(const QStringList& paths);
    ActionResult importFolder(const QString& folder);
    // A bundle: its source into `sourceFolder` (see presets::importBundle) and its presets,
    // of whatever voice it holds, into the library.
    ActionResult importBundle(const QString& path, const QString& sourceFolder,
                              presets::Overwrite overwrite);

signals:
    // The list may have changed: a save, rename, delete or import, or another voice.
    void libraryChanged();
    // The loaded preset or whether the sound differs from it may have changed.
    void stateChanged();

private:
    struct Loaded {
        presets::PresetEntry entry;
        QMap<QString, double> applied;        // the values the voice held once loaded
        QList<presets::MidiMapping> mappings; // the mappings, likewise
    };

    QMap<QString, double> currentValues() const;
    void remember(const presets::PresetEntry& entry);
    QString noVoice() const;
    QList<presets::Preset> presetsNamed(const QStringList& names, QString& error) const;
    void voiceOpened(const QString& name);

    ui::Studio& studio_;
    params::ParamPanel& panel_;
    presets::PresetStore& store_;
    std::optional<Loaded> loaded_;
};

} // namespace govox::presetbrowser
