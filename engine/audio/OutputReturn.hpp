// OutputReturn.hpp - when to go back to the output the user chose, once it is there again
// (the JACK server restarted, the USB interface plugged back in). The policy only: the
// window runs it on a timer with the listing on a worker thread (ui::OutputReturnWatch),
// `govox play` in its own loop.
//
// Aims
// - After a start that fell back (or opened nothing), look for the chosen backend and
//   device every few seconds and say when it is listed again, so playing through the
//   fallback lasts only as long as it must.
// - Never flap: a return is due when the chosen output goes from absent to listed. If it
//   is listed but still will not open, no more returns until it goes away and comes back,
//   so a device that refuses cannot make the fallback stutter every few seconds.
//
// Threads: one thread at a time (the caller's control thread). lookNow() blocks for as
// long as listing the backend takes (up to about a second for JACK or ALSA).
#pragma once

#include "engine/backend/AudioBackend.hpp"

#include <functional>
#include <string>
#include <vector>

namespace govox::audio {

// The output the user asked for: a backend and a device (empty: its default).
struct ChosenOutput {
    backend::BackendKind backend = backend::BackendKind::Jack;
    std::string device;
    bool operator==(const ChosenOutput&) const = default;
};

class OutputReturn {
public:
    using DeviceLister =
        std::function<std::vector<backend::DeviceInfo>(backend::BackendKind, std::string&)>;

    explicit OutputReturn(DeviceLister devices = backend::listOutputDevices)
        : devices_(std::move(devices)) {}

    // After every start of the output: what was chosen, and what plays (playing false
    // when nothing opened).
    void started(const ChosenOutput& chosen, bool playing, const backend::StreamInfo& stream);
    // True while what plays is not what was chosen: look for it.
    bool watching() const noexcept { return watching_; }
    const ChosenOutput& chosen() const noexcept { return chosen_; }

    // What a look found: whether `lookedFor` is listed. True when it has just come back:
    // start the output again with the chosen settings (and call started() after).
    bool looked(const ChosenOutput& lookedFor, bool listed);
    // Lists the chosen backend now (blocking) and answers as looked() does.
    bool lookNow();

    // Whether `stream` is the chosen output.
    static bool playsChosen(const ChosenOutput& chosen, bool playing,
                            const backend::StreamInfo& stream);
    // Whether the chosen output is in a backend's list.
    static bool listedIn(const ChosenOutput& chosen,
                         const std::vector<backend::DeviceInfo>& devices);
    const DeviceLister& lister() const noexcept { return devices_; }

private:
    DeviceLister devices_;
    ChosenOutput chosen_;
    bool watching_ = false;
    bool wasListed_ = false; // the last look found the chosen output
    bool returning_ = false; // a return was due; the next started() answers it
};

} // namespace govox::audio
