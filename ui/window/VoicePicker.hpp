// VoicePicker.hpp - chooses what to play: the example voices, recently opened folders,
// "Open voice folder…" and "New voice from template…" (which copies an example into a
// folder the user picks, so they can edit it and hear it reload).
//
// Threads: UI thread. Recent folders live in QSettings ("voices/recent").
#pragma once

#include <QComboBox>
#include <QStringList>

namespace govox::ui {

class VoicePicker final : public QComboBox {
    Q_OBJECT

public:
    // examplesDir: the folder holding one folder per example voice.
    VoicePicker(const QString& examplesDir, QWidget* parent = nullptr);

    QStringList examples() const;
    QStringList recent() const;
    void addRecent(const QString& dir);
    // Shows `dir` as the current choice without emitting voiceChosen.
    void setCurrentVoice(const QString& dir);

    // Copies the example `name` into `target` (created; must not hold a main.go yet).
    // Returns an error, or empty.
    static QString copyTemplate(const QString& examplesDir, const QString& name,
                                const QString& target);

signals:
    void voiceChosen(const QString& dir);

private:
    void rebuild();
    void picked(int index);
    void openFolder();
    void newFromTemplate();

    QString examplesDir_;
    bool rebuilding_ = false;
};

} // namespace govox::ui
