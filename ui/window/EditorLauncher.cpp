#include "ui/window/EditorLauncher.hpp"

#include <QDesktopServices>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QUrl>

namespace govox::ui {
namespace {

const QStringList kTerminalEditors{"vi",  "vim", "nvim",  "nano",  "micro",
                                   "kak", "hx",  "helix", "emacs", "joe"};

} // namespace

EditorCommand editorCommand(const QString& editor, const QString& file, int line, int column) {
    if (editor.trimmed().isEmpty()) return {};
    QStringList words = QProcess::splitCommand(editor);
    if (words.isEmpty()) return {};
    const QString program = words.takeFirst();
    const QString name = QFileInfo(program).fileName();
    const QString at = QString::number(line), col = QString::number(std::max(column, 1));
    if (name == "code" || name == "codium" || name == "code-oss")
        return {program, words << "--goto" << file + ":" + at + ":" + col};
    if (name == "subl" || name == "sublime_text")
        return {program, words << file + ":" + at + ":" + col};
    if (name == "kate") return {program, words << "--line" << at << "--column" << col << file};
    if (name == "gedit" || name == "gnome-text-editor") return {program, words << "+" + at << file};
    if (name == "emacsclient" || name == "gvim" || name == "mousepad")
        return {program, words << "+" + at << file};
    if (kTerminalEditors.contains(name)) // needs a terminal of its own
        return {"x-terminal-emulator", QStringList{"-e", program} << words << "+" + at << file};
    return {program, words << file};
}

QString openInEditor(const QString& file, int line, int column) {
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString editor = env.value("VISUAL");
    if (editor.isEmpty()) editor = env.value("EDITOR");
    const EditorCommand c = editorCommand(editor, file, line, column);
    if (c.program.isEmpty())
        return QDesktopServices::openUrl(QUrl::fromLocalFile(file))
                   ? QString{}
                   : QObject::tr("no editor: set $VISUAL or $EDITOR, or a default application for "
                                 ".go files");
    if (!QProcess::startDetached(c.program, c.arguments))
        return QObject::tr("could not start %1 (from $VISUAL/$EDITOR)").arg(c.program);
    return {};
}

} // namespace govox::ui
