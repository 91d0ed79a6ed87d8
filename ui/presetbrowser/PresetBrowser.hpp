// PresetBrowser.hpp - the "Presets" dock: the running voice's presets (factory ones marked
// and read-only, the user's own), a search field, and the actions on them - load
// (double-click), save, save as, rename, delete, export (a selection, the library, a bundle
// with the voice's source) and import (preset files, a folder, a bundle).
//
// Aims
// - The widget asks (names, files, confirmations) and shows; PresetActions does the work,
//   so every action is tested without a dialog.
// - The loaded preset is always in view with a marker when the sound has changed since it
//   was loaded or saved.
// - Every result stays on screen in the message line: what was done, what was clamped or
//   kept, or why nothing was done.
// - Importing a bundle puts its source in the user's voices folder (or where they choose)
//   and offers to open the voice.
//
// Threads: UI thread.
#pragma once

#include "ui/presetbrowser/PresetActions.hpp"
#include "ui/presetbrowser/PresetMessage.hpp"
#include "ui/presets/PresetStore.hpp"

#include <QStringList>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace govox::ui {
class Studio;
}
namespace govox::params {
class ParamPanel;
}

namespace govox::presetbrowser {

class PresetBrowser final : public QWidget {
    Q_OBJECT

public:
    // The user presets live under `userRoot` (PresetStore's default: the XDG data folder).
    PresetBrowser(ui::Studio& studio, params::ParamPanel& panel,
                  const QString& userRoot = presets::PresetStore::defaultUserRoot(),
                  QWidget* parent = nullptr);

    PresetActions& actions() { return actions_; }

    // What is on screen, for tests and the window.
    QTreeWidget* list() const { return list_; }
    QLineEdit* searchField() const { return search_; }
    PresetMessage* message() const { return message_; }
    QString loadedText() const;
    QStringList shownNames() const;
    QStringList selectedNames() const;
    void select(const QStringList& names);

signals:
    // The user asked to open the voice in `dir` (an imported bundle's source).
    void openVoiceRequested(const QString& dir);

private:
    void buildActions();
    void refresh();
    void showState();
    void updateButtons();
    void report(const ActionResult& result);
    QString selectedUserPreset() const; // one selected user preset, or empty

    void loadSelected();
    void saveCurrent();
    void saveAs();
    void renameSelected();
    void deleteSelected();
    // In PresetBrowserTransfer.cpp: exports and imports, with their file dialogs.
    void exportSelected();
    void exportLibrary();
    void exportBundle();
    void importFiles();
    void importFolder();
    void importBundle(const QString& path);
    bool confirmFolderReplace(const QString& folder, const QStringList& names);

    ui::Studio& studio_;
    presets::PresetStore store_;
    PresetActions actions_;
    QLineEdit* search_ = nullptr;
    QTreeWidget* list_ = nullptr;
    QLabel* loaded_ = nullptr;
    QPushButton* load_ = nullptr;
    QPushButton* save_ = nullptr;
    QPushButton* saveAs_ = nullptr;
    QPushButton* more_ = nullptr; // its menu: rename, delete, export, import
    QAction* rename_ = nullptr;
    QAction* delete_ = nullptr;
    QAction* exportSelected_ = nullptr;
    QAction* exportLibrary_ = nullptr;
    QAction* exportBundle_ = nullptr;
    QAction* import_ = nullptr;
    QAction* importFolder_ = nullptr;
    PresetMessage* message_ = nullptr;
    QStringList lastProblems_; // unreadable files already reported
};

} // namespace govox::presetbrowser
