// EditorLauncher.hpp - opens a source file at a line in the user's editor.
//
// $VISUAL, then $EDITOR: terminal editors (vim, nano, emacs -nw, micro, kak, hx) are run
// in a terminal emulator (x-terminal-emulator, the Debian alternative) and told the line
// with "+LINE"; code/codium/subl/gedit/kate get their own line syntax; anything else is
// given the file alone. Without either variable the desktop's default application opens
// the file (QDesktopServices), which cannot be told a line.
//
// Threads: the UI thread (it starts a detached process and returns).
#pragma once

#include <QString>
#include <QStringList>

namespace govox::ui {

struct EditorCommand {
    QString program; // empty: use the desktop default
    QStringList arguments;
};

// The command that opens `file` at `line` for `editor` (a $VISUAL/$EDITOR value).
EditorCommand editorCommand(const QString& editor, const QString& file, int line, int column);

// Opens the file; returns an error message or empty.
QString openInEditor(const QString& file, int line, int column);

} // namespace govox::ui
