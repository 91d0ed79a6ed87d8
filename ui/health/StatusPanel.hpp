// StatusPanel.hpp - the stream (backend, device, rate, buffer, ring depth, latency) and
// the voice's build and reload state with the last reload's timings.
//
// Threads: UI thread.
#pragma once

#include "engine/session/SessionEvent.hpp"
#include "ui/studio/StudioSnapshot.hpp"

#include <QWidget>

class QLabel;

namespace govox::ui {

class StatusPanel final : public QWidget {
    Q_OBJECT

public:
    explicit StatusPanel(QWidget* parent = nullptr);
    void update(const StudioSnapshot& s);
    void show(const session::SessionEvent& e);
    void setBuilding(const QString& voice); // "building pad…" until an event arrives
    void setNotice(const QString& text);    // a fallback to another backend, a missing device

    QString streamText() const;
    QString noticeText() const;
    QString buildText() const;

private:
    QLabel* stream_ = nullptr;
    QLabel* notice_ = nullptr;
    QLabel* build_ = nullptr;
    QLabel* timings_ = nullptr;
};

} // namespace govox::ui
