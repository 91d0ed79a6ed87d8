// OutputReturn.hpp - brings the audio back to the output the user chose once it is there
// again (the JACK server restarted, the USB interface plugged back in).
//
// Aims
// - After a start that fell back (or opened nothing), look for the chosen backend and
//   device every few seconds and say when it is listed again; the window then applies the
//   user's settings, so playing through the fallback lasts only as long as it must.
// - Listing a backend can block for up to a second (JACK, ALSA): the look runs on a worker
//   thread, never on the UI thread.
// - Never flap: a return is tried when the chosen output goes from absent to listed. If it
//   is listed but still will not open, no more tries until it goes away and comes back,
//   so a device that refuses cannot make the fallback stutter every few seconds.
//
// Threads: the UI thread, except the device listing, which runs on a thread of its own.
#pragma once

#include "engine/backend/AudioBackend.hpp"
#include "ui/AudioSettings.hpp"
#include "ui/AudioStart.hpp"

#include <QObject>
#include <QTimer>

#include <chrono>
#include <functional>
#include <thread>
#include <string>
#include <vector>

namespace govox::ui {

class OutputReturn : public QObject {
    Q_OBJECT
public:
    using DeviceLister =
        std::function<std::vector<backend::DeviceInfo>(backend::BackendKind, std::string&)>;

    explicit OutputReturn(QObject* parent = nullptr,
                          DeviceLister devices = backend::listOutputDevices);
    ~OutputReturn() override; // waits for a listing under way (at most about a second)

    // How often to look while on a fallback (default 2 s).
    void setInterval(std::chrono::milliseconds interval) { timer_.setInterval(interval); }
    // After every start of the audio output: what the user chose and what opened.
    void started(const AudioSettings& chosen, const StartResult& result);
    // True while what plays is not what the user chose.
    bool watching() const { return timer_.isActive(); }

    // Whether `result` plays the backend and device `chosen` names.
    static bool playsChosen(const AudioSettings& chosen, const StartResult& result);

signals:
    // The chosen output is listed again: apply the settings to go back to it.
    void chosenOutputBack();

private:
    void look();
    void looked(const AudioSettings& lookedFor, bool listed);

    DeviceLister devices_;
    QTimer timer_;
    AudioSettings chosen_;
    std::thread looker_;       // a listing under way, or done and not yet joined
    bool looking_ = false;
    bool wasListed_ = false;   // the last look found the chosen output
    bool returning_ = false;   // chosenOutputBack() was emitted; the next start() answers it
};

} // namespace govox::ui
