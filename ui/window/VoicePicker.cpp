#include "ui/window/VoicePicker.hpp"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QSettings>

namespace govox::ui {
namespace {

enum Action { PickDir = 0, OpenFolder = 1, NewFromTemplate = 2 };
constexpr int kActionRole = Qt::UserRole + 1;
constexpr int kMaxRecent = 8;

} // namespace

VoicePicker::VoicePicker(const QString& examplesDir, QWidget* parent)
    : QComboBox(parent), examplesDir_(examplesDir) {
    setObjectName("voicePicker");
    setMinimumContentsLength(24);
    setToolTip(tr("The Go voice to play: an example, a recent folder, or one of your own"));
    rebuild();
    connect(this, qOverload<int>(&QComboBox::activated), this, &VoicePicker::picked);
}

QStringList VoicePicker::examples() const {
    QStringList names;
    for (const QFileInfo& d :
         QDir(examplesDir_).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        if (QFileInfo::exists(d.filePath() + "/main.go")) names << d.fileName();
    return names;
}

QStringList VoicePicker::recent() const {
    return QSettings().value("voices/recent").toStringList();
}

void VoicePicker::addRecent(const QString& dir) {
    QStringList list = recent();
    list.removeAll(dir);
    list.prepend(dir);
    while (list.size() > kMaxRecent) list.removeLast();
    QSettings().setValue("voices/recent", list);
    rebuild();
    setCurrentVoice(dir);
}

void VoicePicker::rebuild() {
    rebuilding_ = true;
    const QString current = currentData().toString();
    clear();
    for (const QString& name : examples())
        addItem(tr("Example: %1").arg(name), examplesDir_ + "/" + name);
    const QStringList recents = recent();
    if (!recents.isEmpty()) insertSeparator(count());
    for (const QString& dir : recents)
        if (!dir.startsWith(examplesDir_)) addItem(QDir(dir).dirName() + "  —  " + dir, dir);
    insertSeparator(count());
    addItem(tr("Open voice folder…"));
    setItemData(count() - 1, OpenFolder, kActionRole);
    addItem(tr("New voice from template…"));
    setItemData(count() - 1, NewFromTemplate, kActionRole);
    const int at = findData(current);
    setCurrentIndex(at >= 0 ? at : -1);
    rebuilding_ = false;
}

void VoicePicker::setCurrentVoice(const QString& dir) {
    const int at = findData(dir);
    if (at >= 0) setCurrentIndex(at);
}

void VoicePicker::picked(int index) {
    if (rebuilding_) return;
    switch (itemData(index, kActionRole).toInt()) {
    case OpenFolder: openFolder(); return;
    case NewFromTemplate: newFromTemplate(); return;
    default: emit voiceChosen(itemData(index).toString());
    }
}

void VoicePicker::openFolder() {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Open a voice folder"), QDir::homePath());
    if (dir.isEmpty()) return;
    if (!QFileInfo::exists(dir + "/main.go")) {
        QMessageBox::warning(
            this, tr("Not a voice"),
            tr("%1 has no main.go. A voice is a Go main package that imports the Govox SDK; "
               "\"New voice from template…\" makes one.")
                .arg(dir));
        return;
    }
    addRecent(dir);
    emit voiceChosen(dir);
}

void VoicePicker::newFromTemplate() {
    bool ok = false;
    const QString name = QInputDialog::getItem(this, tr("New voice"), tr("Start from the example:"),
                                               examples(), 0, false, &ok);
    if (!ok) return;
    const QString parent =
        QFileDialog::getExistingDirectory(this, tr("Where to put the new voice"), QDir::homePath());
    if (parent.isEmpty()) return;
    const QString folder = QInputDialog::getText(this, tr("New voice"), tr("Folder name:"),
                                                 QLineEdit::Normal, "my" + name, &ok);
    if (!ok || folder.isEmpty()) return;
    const QString target = parent + "/" + folder;
    if (const QString error = copyTemplate(examplesDir_, name, target); !error.isEmpty()) {
        QMessageBox::warning(this, tr("New voice"), error);
        return;
    }
    addRecent(target);
    emit voiceChosen(target);
}

QString VoicePicker::copyTemplate(const QString& examplesDir, const QString& name,
                                  const QString& target) {
    const QDir source(examplesDir + "/" + name);
    if (!source.exists("main.go")) return tr("there is no example voice named %1").arg(name);
    if (QFileInfo::exists(target + "/main.go"))
        return tr("%1 already holds a voice; pick an empty or new folder").arg(target);
    if (!QDir().mkpath(target)) return tr("cannot create %1").arg(target);
    for (const QFileInfo& f : source.entryInfoList({"*.go"}, QDir::Files)) {
        if (f.fileName().endsWith("_test.go")) continue;
        if (!QFile::copy(f.filePath(), target + "/" + f.fileName()))
            return tr("cannot copy %1 into %2").arg(f.fileName(), target);
        QFile::setPermissions(target + "/" + f.fileName(),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup |
                                  QFile::ReadOther); // installed examples are read-only
    }
    return {};
}

} // namespace govox::ui
