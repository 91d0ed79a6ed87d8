// PresetBrowserTransfer.cpp - the preset browser's exports and imports: the file dialogs and
// confirmations around PresetActions (PresetBrowser.cpp has the rest of the class).
#include "ui/presetbrowser/PresetBrowser.hpp"

#include "ui/presets/BundleCodec.hpp"
#include "ui/presets/BundleExport.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/studio/Studio.hpp"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>

namespace govox::presetbrowser {
namespace {

using presets::Overwrite;

QString documents() {
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

// A file dialog asks before replacing a file the user picked; a name typed without its
// suffix gets one added, and that file was not asked about.
bool confirmFile(QWidget* parent, QString& path, const char* suffix) {
    if (QFileInfo(path).suffix().isEmpty()) {
        path += QLatin1String(suffix);
        if (QFileInfo::exists(path) &&
            QMessageBox::question(parent, QObject::tr("Replace File"),
                                  QObject::tr("%1 exists. Replace it?").arg(path),
                                  QMessageBox::Yes | QMessageBox::Cancel,
                                  QMessageBox::Cancel) != QMessageBox::Yes)
            return false;
    }
    return true;
}

} // namespace

// Asks before an export into `folder` replaces files named after any of `names`.
bool PresetBrowser::confirmFolderReplace(const QString& folder, const QStringList& names) {
    int clashes = 0;
    for (const QString& name : names)
        if (QFileInfo::exists(
                QDir(folder).filePath(presets::safeFileName(name) + presets::kPresetSuffix)))
            ++clashes;
    if (clashes == 0) return true;
    return QMessageBox::question(
               this, tr("Replace Files"),
               tr("%1 already holds %2 of these presets. Replace them?")
                   .arg(folder, clashes == 1 ? tr("one") : QString::number(clashes)),
               QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) == QMessageBox::Yes;
}

void PresetBrowser::exportSelected() {
    const QStringList names = selectedNames();
    if (names.isEmpty())
        return message_->show(PresetMessage::Kind::Error, tr("Select the presets to export"));
    if (names.size() == 1) {
        QString path = QFileDialog::getSaveFileName(
            this, tr("Export Preset"),
            QDir(documents())
                .filePath(presets::safeFileName(names.front()) + presets::kPresetSuffix),
            tr("Govox presets (*%1)").arg(presets::kPresetSuffix));
        if (path.isEmpty() || !confirmFile(this, path, presets::kPresetSuffix)) return;
        return report(
            actions_.exportPresets(names, path, ExportShape::OneFile, Overwrite::Replace));
    }
    QMessageBox ask(
        QMessageBox::Question, tr("Export Presets"),
        tr("Export %1 presets as one file each, into a folder, or together in one file?")
            .arg(names.size()),
        QMessageBox::Cancel, this);
    QPushButton* folderButton = ask.addButton(tr("Into a Folder…"), QMessageBox::AcceptRole);
    QPushButton* fileButton = ask.addButton(tr("One File…"), QMessageBox::AcceptRole);
    ask.exec();
    if (ask.clickedButton() == folderButton) {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Export Presets to Folder"), documents());
        if (folder.isEmpty() || !confirmFolderReplace(folder, names)) return;
        report(
            actions_.exportPresets(names, folder, ExportShape::FilePerPreset, Overwrite::Replace));
    } else if (ask.clickedButton() == fileButton) {
        QString path =
            QFileDialog::getSaveFileName(this, tr("Export Presets to One File"),
                                         QDir(documents())
                                             .filePath(presets::safeFileName(actions_.voice()) +
                                                       "-presets" + presets::kBundleSuffix),
                                         tr("Govox bundles (*%1)").arg(presets::kBundleSuffix));
        if (path.isEmpty() || !confirmFile(this, path, presets::kBundleSuffix)) return;
        report(actions_.exportPresets(names, path, ExportShape::OneFile, Overwrite::Replace));
    }
}

void PresetBrowser::exportLibrary() {
    const QString folder = QFileDialog::getExistingDirectory(
        this, tr("Export the Presets of '%1' to Folder").arg(actions_.voice()), documents());
    if (folder.isEmpty()) return;
    QStringList names;
    for (const presets::PresetEntry& e : actions_.list().entries) names << e.preset.name;
    if (!confirmFolderReplace(folder, names)) return;
    report(actions_.exportLibrary(folder, Overwrite::Replace));
}

void PresetBrowser::exportBundle() {
    QString path = QFileDialog::getSaveFileName(
        this, tr("Export '%1' with Its Source").arg(actions_.voice()),
        QDir(documents())
            .filePath(presets::safeFileName(actions_.voice()) + presets::kBundleSuffix),
        tr("Govox bundles (*%1)").arg(presets::kBundleSuffix));
    if (path.isEmpty() || !confirmFile(this, path, presets::kBundleSuffix)) return;
    report(actions_.exportBundle(path, Overwrite::Replace));
}

void PresetBrowser::importFiles() {
    const QStringList paths =
        QFileDialog::getOpenFileNames(this, tr("Import Presets or a Bundle"), documents(),
                                      tr("Presets and bundles (*%1 *%2);;All files (*)")
                                          .arg(presets::kPresetSuffix, presets::kBundleSuffix));
    QStringList plain;
    for (const QString& path : paths) {
        const presets::BundleReadResult read = path.endsWith(presets::kBundleSuffix)
                                                   ? presets::readBundleFile(path)
                                                   : presets::BundleReadResult{};
        if (read.ok() && !read.bundle.source.isEmpty())
            importBundle(path); // a voice to install
        else
            plain << path; // a preset, or presets only (a bad bundle is reported by the import)
    }
    if (!plain.isEmpty()) report(actions_.importFiles(plain));
}

void PresetBrowser::importFolder() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Import a Folder of Presets"), documents());
    if (!folder.isEmpty()) report(actions_.importFolder(folder));
}

// A bundle with source: where the source goes (the voices folder, or a folder the user
// picks, named after the voice since that name is the voice's identity), replacing only when
// asked, then the offer to open it.
void PresetBrowser::importBundle(const QString& path) {
    const presets::BundleReadResult read = presets::readBundleFile(path);
    if (!read.ok()) return message_->show(PresetMessage::Kind::Error, read.error);
    const QString voice = read.bundle.voice;
    QString folder = presets::defaultVoiceSourceFolder(voice);
    QMessageBox ask(QMessageBox::Question, tr("Import Voice"),
                    tr("Import the voice '%1' with %2 presets?\n\nIts source goes into %3.")
                        .arg(voice)
                        .arg(read.bundle.presets.size())
                        .arg(folder),
                    QMessageBox::Cancel, this);
    QPushButton* importButton = ask.addButton(tr("Import"), QMessageBox::AcceptRole);
    QPushButton* chooseButton = ask.addButton(tr("Choose Folder…"), QMessageBox::ActionRole);
    ask.setDefaultButton(importButton);
    ask.exec();
    if (ask.clickedButton() == chooseButton) {
        const QString parent = QFileDialog::getExistingDirectory(
            this, tr("Folder to Put the Voice '%1' In").arg(voice), QFileInfo(folder).path());
        if (parent.isEmpty()) return;
        folder = QDir(parent).filePath(presets::safeFileName(voice));
    } else if (ask.clickedButton() != importButton) {
        return;
    }
    const bool occupied = QDir(folder).exists() && !QDir(folder).isEmpty();
    ActionResult r = actions_.importBundle(path, folder, Overwrite::Refuse);
    if (!r.ok() && occupied) {
        const auto answer = QMessageBox::question(
            this, tr("Replace Voice Source"),
            tr("%1\n\nReplace it? The source there now is moved to a hidden folder beside it, not "
               "deleted.")
                .arg(r.error),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) return report(r);
        r = actions_.importBundle(path, folder, Overwrite::Replace);
    }
    report(r);
    if (!r.ok() || r.sourceFolder.isEmpty()) return;
    if (QDir(r.sourceFolder).absolutePath() == QDir(studio_.voiceDir()).absolutePath()) return;
    if (QMessageBox::question(this, tr("Open Voice"), tr("Open the voice '%1' now?").arg(r.voice),
                              QMessageBox::Yes | QMessageBox::No,
                              QMessageBox::Yes) == QMessageBox::Yes)
        emit openVoiceRequested(r.sourceFolder);
}

} // namespace govox::presetbrowser
