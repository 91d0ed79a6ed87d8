// MainWindow.hpp - Govox's main window. For now: the engine's status, a test tone and
// its meters; the voice picker, build console and health graphs come with later work.
//
// Threads: UI thread only. Figures come from the engine's atomics on a 30 Hz timer.
#pragma once

#include "engine/session/AudioEngine.hpp"

#include <QMainWindow>

#include <memory>

class QLabel;

namespace govox::ui {

class TonePanel;

class MainWindow final : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

private:
    void startEngine();
    void refresh();

    session::AudioEngine engine_;
    TonePanel* tonePanel_ = nullptr;
    QLabel* streamLabel_ = nullptr;
    QLabel* noticeLabel_ = nullptr;
};

} // namespace govox::ui
