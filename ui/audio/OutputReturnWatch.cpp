#include "ui/audio/OutputReturnWatch.hpp"

#include <QMetaObject>

namespace govox::ui {
namespace {

audio::ChosenOutput chosenOf(const AudioSettings& s) {
    return {s.backend, s.device};
}

} // namespace

OutputReturnWatch::OutputReturnWatch(QObject* parent, DeviceLister devices)
    : QObject(parent), policy_(std::move(devices)) {
    timer_.setInterval(std::chrono::seconds(2));
    connect(&timer_, &QTimer::timeout, this, &OutputReturnWatch::look);
}

OutputReturnWatch::~OutputReturnWatch() {
    // The thread's queued answer is dropped with this object.
    if (looker_.joinable()) looker_.join();
}

bool OutputReturnWatch::playsChosen(const AudioSettings& chosen, const StartResult& result) {
    return audio::OutputReturn::playsChosen(chosenOf(chosen), result.playing, result.stream);
}

void OutputReturnWatch::started(const AudioSettings& chosen, const StartResult& result) {
    policy_.started(chosenOf(chosen), result.playing, result.stream);
    if (!policy_.watching())
        timer_.stop();
    else if (!timer_.isActive())
        timer_.start();
}

void OutputReturnWatch::look() {
    if (looking_) return;                   // the last listing is still blocked in the backend
    if (looker_.joinable()) looker_.join(); // finished: its answer has arrived
    looking_ = true;
    looker_ = std::thread([this, chosen = policy_.chosen(), devices = policy_.lister()] {
        std::string error;
        const bool listed = audio::OutputReturn::listedIn(chosen, devices(chosen.backend, error));
        QMetaObject::invokeMethod(
            this,
            [this, chosen, listed] {
                looking_ = false;
                if (policy_.looked(chosen, listed)) emit chosenOutputBack(); // the window applies
            },
            Qt::QueuedConnection);
    });
}

} // namespace govox::ui
