#include "engine/audio/OutputReturn.hpp"

#include <algorithm>

namespace govox::audio {

bool OutputReturn::playsChosen(const ChosenOutput& chosen, bool playing,
                               const backend::StreamInfo& stream) {
    return playing && stream.backend == backend::backendName(chosen.backend) &&
           (chosen.device.empty() || stream.device == chosen.device);
}

bool OutputReturn::listedIn(const ChosenOutput& chosen,
                            const std::vector<backend::DeviceInfo>& devices) {
    return !devices.empty() && (chosen.device.empty() ||
                                std::any_of(devices.begin(), devices.end(), [&](const auto& d) {
                                    return d.name == chosen.device;
                                }));
}

void OutputReturn::started(const ChosenOutput& chosen, bool playing,
                           const backend::StreamInfo& stream) {
    const bool failedReturn = returning_;
    returning_ = false;
    chosen_ = chosen;
    if (playsChosen(chosen, playing, stream)) {
        watching_ = false;
        return;
    }
    // A return that did not take: the output is listed but does not open. Wait until it
    // is gone and listed again. Otherwise it is absent now (that is why we fell back).
    wasListed_ = failedReturn;
    watching_ = true;
}

bool OutputReturn::looked(const ChosenOutput& lookedFor, bool listed) {
    // An answer about settings changed since, or after the return: stale.
    if (!watching_ || !(lookedFor == chosen_)) return false;
    const bool cameBack = listed && !wasListed_;
    wasListed_ = listed;
    if (cameBack) returning_ = true;
    return cameBack;
}

bool OutputReturn::lookNow() {
    if (!watching_) return false;
    std::string error;
    return looked(chosen_, listedIn(chosen_, devices_(chosen_.backend, error)));
}

} // namespace govox::audio
