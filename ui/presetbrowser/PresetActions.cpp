#include "ui/presetbrowser/PresetActions.hpp"

#include "ui/params/ParamPanel.hpp"
#include "ui/presets/BundleCodec.hpp"
#include "ui/presets/BundleExport.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/presets/PresetExport.hpp"
#include "ui/presets/PresetFit.hpp"
#include "ui/studio/Studio.hpp"

#include <QFileInfo>
#include <QSet>

namespace govox::presetbrowser {
namespace {

using presets::Overwrite;
using presets::Preset;
using presets::PresetEntry;
using presets::PresetOrigin;

QString quoted(const QString& name) {
    return QStringLiteral("'%1'").arg(name);
}

QString count(qsizetype n, const QString& one, const QString& many) {
    return n == 1 ? QStringLiteral("1 ") + one : QStringLiteral("%1 %2").arg(n).arg(many);
}

ActionResult fromExport(const presets::ExportResult& r, const QString& what) {
    ActionResult out;
    out.error = r.error;
    if (r.ok())
        out.summary = r.written.size() == 1
                          ? QStringLiteral("Exported %1 to %2").arg(what, r.written.front())
                          : QStringLiteral("Exported %1 (%2)")
                                .arg(what, count(r.written.size(), "file", "files"));
    return out;
}

ActionResult fromImport(const presets::ImportResult& r) {
    ActionResult out;
    out.notes = r.notes + r.problems;
    out.error = r.error;
    if (r.imported.isEmpty() && r.ok())
        out.summary = r.notes.isEmpty() ? QStringLiteral("Nothing to import")
                                        : QStringLiteral("Nothing new to import");
    else if (r.ok())
        out.summary =
            QStringLiteral("Imported %1")
                .arg(r.imported.size() == 1 ? quoted(r.imported.front())
                                            : count(r.imported.size(), "preset", "presets"));
    return out;
}

// Several import results as one, for a selection of files.
void merge(presets::ImportResult& into, const presets::ImportResult& r) {
    into.imported += r.imported;
    into.notes += r.notes;
    into.problems += r.problems;
}

// What a save says: the name, and the names kept for a later build of the voice.
ActionResult saved(const Preset& p, const std::vector<host::ParamInfo>& params) {
    ActionResult out = ActionResult::done(QStringLiteral("Saved %1").arg(quoted(p.name)));
    QStringList kept = p.params.keys();
    for (const host::ParamInfo& info : params) kept.removeAll(QString::fromStdString(info.name));
    for (const QString& name : kept)
        out.notes << QStringLiteral("'%1': this voice has no such parameter; its value is kept "
                                    "in the preset")
                         .arg(name);
    return out;
}

} // namespace

PresetActions::PresetActions(ui::Studio& studio, params::ParamPanel& panel,
                             presets::PresetStore& store, QObject* parent)
    : QObject(parent), studio_(studio), panel_(panel), store_(store) {
    connect(&studio_, &ui::Studio::voiceOpened, this, &PresetActions::voiceOpened);
    // Anything that may move a value or a mapping may change whether the sound is dirty.
    connect(&studio_, &ui::Studio::paramsChanged, this, &PresetActions::stateChanged);
    connect(panel_.undoStack(), &QUndoStack::indexChanged, this, &PresetActions::stateChanged);
    connect(&studio_.midiLearn(), &ui::MidiLearn::paramMoved, this, &PresetActions::stateChanged);
    connect(&studio_.midiLearn(), &ui::MidiLearn::mappingsChanged, this,
            &PresetActions::stateChanged);
}

QString PresetActions::voice() const {
    return studio_.voiceName();
}

QString PresetActions::noVoice() const {
    return voice().isEmpty() ? QStringLiteral("No voice is open: open one to use its presets")
                             : QString{};
}

void PresetActions::voiceOpened(const QString& name) {
    // The same voice opened again (an audio restart) keeps its values, and so its preset.
    if (loaded_ && loaded_->entry.preset.voice != name) loaded_.reset();
    emit libraryChanged();
    emit stateChanged();
}

presets::PresetList PresetActions::list(const QString& search) const {
    const QString v = voice();
    if (v.isEmpty()) return {};
    return search.isEmpty() ? store_.list(v) : store_.search(v, search);
}

QMap<QString, double> PresetActions::currentValues() const {
    QMap<QString, double> values;
    for (const host::ParamInfo& p : studio_.params()) {
        const QString name = QString::fromStdString(p.name);
        values.insert(name, studio_.paramValue(name));
    }
    return values;
}

bool PresetActions::dirty() const {
    if (!loaded_) return false;
    const QMap<QString, double> now = currentValues();
    for (auto it = loaded_->applied.cbegin(); it != loaded_->applied.cend(); ++it)
        if (const auto n = now.constFind(it.key()); n != now.cend() && n.value() != it.value())
            return true;
    return studio_.midiLearn().mappings() != loaded_->mappings;
}

void PresetActions::remember(const PresetEntry& entry) {
    loaded_ = Loaded{entry, currentValues(), studio_.midiLearn().mappings()};
    emit stateChanged();
}

ActionResult PresetActions::load(const QString& name) {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    const presets::PresetLoad found = store_.load(voice(), name);
    if (!found.ok()) return ActionResult::failed(found.error);
    return apply(found.entry);
}

ActionResult PresetActions::apply(const PresetEntry& entry) {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    presets::PresetFit fit = presets::fitPreset(entry.preset, voice(), studio_.params());
    if (!fit.ok()) return ActionResult::failed(QStringLiteral("Cannot load: %1").arg(fit.error));
    panel_.applyValues(QStringLiteral("Load preset '%1'").arg(entry.preset.name), fit.values);
    studio_.midiLearn().setMappings(fit.preset.midiMap);
    // The preset as it was read is remembered, not as fitted: a value clamped by this build
    // is saved as the voice holds it, while names it lacks keep the value the file had.
    remember(entry);
    ActionResult out;
    out.summary = QStringLiteral("Loaded %1").arg(quoted(entry.preset.name));
    out.notes = fit.report.lines();
    if (!out.notes.isEmpty())
        out.summary += QStringLiteral(" (%1)").arg(count(out.notes.size(), "warning", "warnings"));
    return out;
}

Preset PresetActions::currentSound(const QString& name) const {
    Preset p;
    p.name = name;
    p.voice = voice();
    QSet<QString> declared;
    for (const host::ParamInfo& info : studio_.params()) {
        const QString param = QString::fromStdString(info.name);
        declared.insert(param);
        p.params.insert(param, presets::tidyValue(studio_.paramValue(param)));
    }
    p.midiMap = studio_.midiLearn().mappings();
    if (loaded_) { // names this build lacks keep the loaded preset's values
        const QMap<QString, double>& held = loaded_->entry.preset.params;
        for (auto it = held.cbegin(); it != held.cend(); ++it)
            if (!declared.contains(it.key())) p.params.insert(it.key(), it.value());
    }
    return p;
}

ActionResult PresetActions::save() {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    if (!loaded_)
        return ActionResult::failed(
            QStringLiteral("No preset is loaded: use Save As to name the sound"));
    const PresetEntry& was = loaded_->entry;
    if (was.origin == PresetOrigin::Factory)
        return ActionResult::failed(
            QStringLiteral("%1 is a factory preset and cannot be changed: use Save "
                           "As to keep the sound as a preset of your own")
                .arg(quoted(was.preset.name)));
    Preset p = currentSound(was.preset.name);
    p.author = was.preset.author;
    p.comment = was.preset.comment;
    const presets::StoreResult written = store_.save(p, Overwrite::Replace);
    if (!written.ok()) return ActionResult::failed(written.error);
    remember({p, PresetOrigin::User, written.path});
    emit libraryChanged();
    return saved(p, studio_.params());
}

ActionResult PresetActions::saveAs(const QString& name, Overwrite overwrite) {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) return ActionResult::failed(QStringLiteral("A preset needs a name"));
    Preset p = currentSound(trimmed);
    if (QString problem = presets::checkPreset(p); !problem.isEmpty())
        return ActionResult::failed(
            QStringLiteral("Cannot save %1: %2").arg(quoted(trimmed), problem));
    const presets::StoreResult written = store_.save(p, overwrite);
    if (!written.ok()) return ActionResult::failed(written.error);
    remember({p, PresetOrigin::User, written.path});
    emit libraryChanged();
    return saved(p, studio_.params());
}

ActionResult PresetActions::rename(const QString& from, const QString& to) {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    const QString trimmed = to.trimmed();
    if (trimmed.isEmpty()) return ActionResult::failed(QStringLiteral("A preset needs a name"));
    const presets::StoreResult renamed = store_.rename(voice(), from, trimmed);
    if (!renamed.ok()) return ActionResult::failed(renamed.error);
    if (loaded_ && loaded_->entry.origin == PresetOrigin::User &&
        loaded_->entry.preset.name == from) {
        loaded_->entry.preset.name = trimmed;
        loaded_->entry.path = renamed.path;
        emit stateChanged();
    }
    emit libraryChanged();
    return ActionResult::done(
        QStringLiteral("Renamed %1 to %2").arg(quoted(from), quoted(trimmed)));
}

ActionResult PresetActions::remove(const QString& name) {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    const presets::StoreResult removed = store_.remove(voice(), name);
    if (!removed.ok()) return ActionResult::failed(removed.error);
    // The sound stays, and so do the loaded preset's kept names: Save writes it back.
    emit libraryChanged();
    return ActionResult::done(QStringLiteral("Deleted %1").arg(quoted(name)));
}

QList<Preset> PresetActions::presetsNamed(const QStringList& names, QString& error) const {
    QList<Preset> out;
    for (const QString& name : names) {
        const presets::PresetLoad found = store_.load(voice(), name);
        if (!found.ok()) {
            error = found.error;
            return {};
        }
        out << found.entry.preset;
    }
    if (out.isEmpty()) error = QStringLiteral("No presets are selected");
    return out;
}

ActionResult PresetActions::exportPresets(const QStringList& names, const QString& target,
                                          ExportShape shape, Overwrite overwrite) {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    QString error;
    const QList<Preset> chosen = presetsNamed(names, error);
    if (!error.isEmpty()) return ActionResult::failed(error);
    const QString what = chosen.size() == 1 ? quoted(chosen.front().name)
                                            : count(chosen.size(), "preset", "presets");
    if (shape == ExportShape::OneFile)
        return fromExport(chosen.size() == 1
                              ? presets::exportPreset(chosen.front(), target, overwrite)
                              : presets::exportPresetsToFile(chosen, target, overwrite),
                          what);
    return fromExport(presets::exportPresets(chosen, target, overwrite), what);
}

ActionResult PresetActions::exportLibrary(const QString& folder, Overwrite overwrite) {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    return fromExport(presets::exportLibrary(store_, voice(), folder, overwrite),
                      QStringLiteral("the presets of %1").arg(quoted(voice())));
}

ActionResult PresetActions::exportBundle(const QString& filePath, Overwrite overwrite) {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    if (studio_.voiceDir().isEmpty())
        return ActionResult::failed(QStringLiteral("The voice's folder is not known"));
    QList<Preset> all;
    for (const PresetEntry& e : store_.list(voice()).entries) all << e.preset;
    ActionResult out =
        fromExport(presets::exportBundle(voice(), studio_.voiceDir(), all, filePath, overwrite),
                   QStringLiteral("%1 with its source and %2")
                       .arg(quoted(voice()), count(all.size(), "preset", "presets")));
    return out;
}

ActionResult PresetActions::importFiles(const QStringList& paths) {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    presets::ImportResult all;
    for (const QString& path : paths) {
        if (path.endsWith(QLatin1String(presets::kBundleSuffix))) {
            const presets::BundleReadResult read = presets::readBundleFile(path);
            if (!read.ok())
                all.problems << read.error;
            else if (!read.bundle.source.isEmpty())
                all.problems
                    << QStringLiteral("%1 holds a voice's source: import it as a bundle").arg(path);
            else
                merge(all, presets::importPresets(store_, read.bundle.presets, voice()));
        } else {
            merge(all, presets::importPresetFile(store_, path, voice()));
        }
    }
    if (all.imported.isEmpty() && !all.problems.isEmpty()) all.error = all.problems.join(u'\n');
    if (!all.imported.isEmpty()) emit libraryChanged();
    ActionResult out = fromImport(all);
    if (!out.ok()) out.notes.clear(); // the error says it all
    return out;
}

ActionResult PresetActions::importFolder(const QString& folder) {
    if (QString why = noVoice(); !why.isEmpty()) return ActionResult::failed(why);
    const presets::ImportResult r = presets::importPresetFolder(store_, folder, voice());
    if (!r.imported.isEmpty()) emit libraryChanged();
    ActionResult out = fromImport(r);
    if (!out.ok()) out.notes.clear();
    return out;
}

ActionResult PresetActions::importBundle(const QString& path, const QString& sourceFolder,
                                         Overwrite overwrite) {
    const presets::BundleImportResult r =
        presets::importBundle(store_, path, sourceFolder, overwrite);
    if (!r.ok()) return ActionResult::failed(r.error);
    ActionResult out = fromImport(r.presets);
    out.voice = r.voice;
    out.sourceFolder = r.sourceFolder;
    if (!r.presets.ok()) { // the source is in place; only the presets failed
        out.notes = r.presets.problems;
        out.error.clear();
        out.summary = QStringLiteral("Imported no presets");
    }
    if (!r.sourceFolder.isEmpty())
        out.summary = QStringLiteral("%1; the source of %2 is in %3%4")
                          .arg(out.summary, quoted(r.voice), r.sourceFolder,
                               r.sourceUnchanged ? QStringLiteral(" (unchanged)") : QString{});
    if (!r.movedAside.isEmpty())
        out.notes << QStringLiteral("The source that was there was moved to %1").arg(r.movedAside);
    if (!r.presets.imported.isEmpty()) emit libraryChanged();
    return out;
}

} // namespace govox::presetbrowser
