// TonePanel.hpp - a test tone through the engine, with level meters and the latency it
// plays at: the first thing to try on a new machine.
//
// Threads: UI thread. Owns a one-voice region and the stand-in host that fills it.
#pragma once

#include "engine/session/AudioEngine.hpp"
#include "engine/shm/Region.hpp"
#include "engine/standin/ToneVoiceHost.hpp"

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;

namespace govox::ui {

class TonePanel final : public QWidget {
    Q_OBJECT

public:
    TonePanel(session::AudioEngine& engine, QWidget* parent = nullptr);
    ~TonePanel() override;
    void refresh(); // meters, from the mixer's atomics

private:
    void setPlaying(bool on);

    session::AudioEngine& engine_;
    std::shared_ptr<shm::Region> region_;
    std::unique_ptr<standin::ToneVoiceHost> host_;
    QPushButton* button_ = nullptr;
    QProgressBar* left_ = nullptr;
    QProgressBar* right_ = nullptr;
    QLabel* latency_ = nullptr;
};

} // namespace govox::ui
