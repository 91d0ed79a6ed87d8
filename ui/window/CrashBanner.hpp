// CrashBanner.hpp - a red banner when the voice crashed, hung or was given up on, with
// the Go panic's message; "Details" shows the stack. It hides when a build plays again.
//
// Threads: UI thread.
#pragma once

#include "engine/session/SessionEvent.hpp"

#include <QFrame>

class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace govox::ui {

class CrashBanner final : public QFrame {
    Q_OBJECT

public:
    explicit CrashBanner(QWidget* parent = nullptr);
    // Shows crashes and give-ups, hides on restarts and good builds.
    void show(const session::SessionEvent& event);
    QString message() const;
    QString stack() const;

private:
    QLabel* text_ = nullptr;
    QToolButton* details_ = nullptr;
    QPlainTextEdit* stack_ = nullptr;
};

} // namespace govox::ui
