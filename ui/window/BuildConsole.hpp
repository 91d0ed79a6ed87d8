// BuildConsole.hpp - the build's messages: compiler errors with file and line (a click
// opens the file there in the user's editor), and each reload's outcome and timings.
//
// Threads: UI thread.
#pragma once

#include "engine/session/SessionEvent.hpp"

#include <QWidget>

class QLabel;
class QTreeWidget;
class QTreeWidgetItem;

namespace govox::ui {

class BuildConsole final : public QWidget {
    Q_OBJECT

public:
    explicit BuildConsole(QWidget* parent = nullptr);

    // Shows a session event: errors replace the list, a good build clears it.
    void show(const session::SessionEvent& event);
    void clear();
    int errorCount() const;
    QSize sizeHint() const override { return {600, 110}; } // a strip below the graphs
    // The row's file and line (tests, and the click handler).
    QString fileAt(int row) const;
    int lineAt(int row) const;

signals:
    void openRequested(const QString& file, int line, int column);

private:
    void activate(QTreeWidgetItem* item);

    QLabel* summary_ = nullptr;
    QTreeWidget* errors_ = nullptr;
};

} // namespace govox::ui
