// PresetMessage.hpp - the message line under the preset list: what the last action did,
// what it warned about (values clamped, names the voice lacks) or why it failed, until the
// user closes it or the next action replaces it.
//
// Aims
// - Errors and warnings stay on screen until read: no status bar message that fades away.
// - A long list (a dozen clamped values) shows its first lines and keeps the rest in the
//   tooltip, so the dock does not grow past the window.
//
// Threads: UI thread.
#pragma once

#include <QFrame>
#include <QString>
#include <QStringList>

class QLabel;
class QToolButton;

namespace govox::presetbrowser {

class PresetMessage final : public QFrame {
    Q_OBJECT

public:
    enum class Kind { Info, Warning, Error };
    static constexpr int kShownLines = 5;

    explicit PresetMessage(QWidget* parent = nullptr);

    // Shows `text` and, below it, `details` (one item per line). Hidden while empty.
    void show(Kind kind, const QString& text, const QStringList& details = {});
    void clear();

    Kind kind() const { return kind_; }
    QString text() const { return text_; } // the headline
    QStringList details() const { return details_; }

private:
    Kind kind_ = Kind::Info;
    QString text_;
    QStringList details_;
    QLabel* label_ = nullptr;
    QToolButton* close_ = nullptr;
};

} // namespace govox::presetbrowser
