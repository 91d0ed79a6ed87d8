// OutputReturnWatch.hpp - the window's side of going back to the chosen output: the policy
// (audio::OutputReturn, shared with `govox play`) run on a timer, with each listing of
// the backend on a worker thread, because listing can block for up to a second (JACK,
// ALSA) and the UI thread must not.
//
// Threads: the UI thread, except the device listing, which runs on a thread of its own and
// hands its answer back with a queued call.
#pragma once

#include "engine/audio/OutputReturn.hpp"
#include "ui/audio/AudioSettings.hpp"
#include "ui/audio/AudioStart.hpp"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <thread>

namespace govox::ui {

class OutputReturnWatch : public QObject {
    Q_OBJECT
public:
    using DeviceLister = audio::OutputReturn::DeviceLister;

    explicit OutputReturnWatch(QObject* parent = nullptr,
                               DeviceLister devices = backend::listOutputDevices);
    ~OutputReturnWatch() override; // waits for a listing under way (at most about a second)

    // How often to look while on a fallback (default 2 s).
    void setInterval(std::chrono::milliseconds interval) { timer_.setInterval(interval); }
    // After every start of the audio output: what the user chose and what opened.
    void started(const AudioSettings& chosen, const StartResult& result);
    // True while what plays is not what the user chose.
    bool watching() const { return policy_.watching(); }

    // Whether `result` plays the backend and device `chosen` names.
    static bool playsChosen(const AudioSettings& chosen, const StartResult& result);

signals:
    // The chosen output is listed again: apply the settings to go back to it.
    void chosenOutputBack();

private:
    void look();

    audio::OutputReturn policy_;
    QTimer timer_;
    std::thread looker_; // a listing under way, or done and not yet joined
    bool looking_ = false;
};

} // namespace govox::ui
