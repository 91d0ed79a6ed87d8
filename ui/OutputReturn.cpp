#include "ui/OutputReturn.hpp"

#include <QMetaObject>

#include <algorithm>

namespace govox::ui {

OutputReturn::OutputReturn(QObject* parent, DeviceLister devices)
    : QObject(parent), devices_(std::move(devices)) {
    timer_.setInterval(std::chrono::seconds(2));
    connect(&timer_, &QTimer::timeout, this, &OutputReturn::look);
}

OutputReturn::~OutputReturn() {
    // The thread's queued answer is dropped with this object.
    if (looker_.joinable()) looker_.join();
}

bool OutputReturn::playsChosen(const AudioSettings& chosen, const StartResult& result) {
    return result.playing && result.stream.backend == backend::backendName(chosen.backend) &&
           (chosen.device.empty() || result.stream.device == chosen.device);
}

void OutputReturn::started(const AudioSettings& chosen, const StartResult& result) {
    const bool failedReturn = returning_;
    returning_ = false;
    chosen_ = chosen;
    if (playsChosen(chosen, result)) {
        timer_.stop();
        return;
    }
    // A return that did not take: the output is listed but does not open. Wait until it
    // is gone and listed again. Otherwise it is absent now (that is why we fell back).
    wasListed_ = failedReturn;
    if (!timer_.isActive()) timer_.start();
}

void OutputReturn::look() {
    if (looking_) return; // the last listing is still blocked in the backend
    if (looker_.joinable()) looker_.join(); // finished: its answer has arrived
    looking_ = true;
    looker_ = std::thread([this, chosen = chosen_, devices = devices_] {
        std::string error;
        const std::vector<backend::DeviceInfo> list = devices(chosen.backend, error);
        const bool listed = !list.empty() &&
                            (chosen.device.empty() ||
                             std::any_of(list.begin(), list.end(), [&](const backend::DeviceInfo& d) {
                                 return d.name == chosen.device;
                             }));
        QMetaObject::invokeMethod(this, [this, chosen, listed] { looked(chosen, listed); },
                                  Qt::QueuedConnection);
    });
}

void OutputReturn::looked(const AudioSettings& lookedFor, bool listed) {
    looking_ = false;
    // An answer about settings the user has changed since, or after the return: stale.
    if (!timer_.isActive() || !(lookedFor == chosen_)) return;
    const bool cameBack = listed && !wasListed_;
    wasListed_ = listed;
    if (!cameBack) return;
    returning_ = true;
    emit chosenOutputBack(); // the window applies the settings and calls started()
}

} // namespace govox::ui
