// StudioRig.hpp - a real Studio playing real Go voices through the null backend (in real
// time), with everything it outputs captured for analysis, and voices in a temporary
// folder: copied from go-plugins or written by the test from a template.
#pragma once

#include "engine/rt/OutputTap.hpp"
#include "ui/studio/Studio.hpp"

#include <QString>
#include <QTemporaryDir>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace govox::test {

class StudioRig {
public:
    static constexpr int kRate = 48000;

    StudioRig();
    ~StudioRig();

    ui::Studio& studio() { return *studio_; }
    // A voice from go-plugins (e.g. "voices/pad") copied to a folder of its own.
    QString copyVoice(const QString& fromSdk);
    // A test voice: a sine at the note's pitch times its "Level" parameter (and the mod
    // wheel when `followsModWheel`), declaring `params` (Go sdk.Param literals, which must
    // include Level). Writing into an existing folder is a save (renamed over the file).
    QString writeVoice(const QString& name, const std::string& params,
                       bool followsModWheel = false);
    // Opens the voice and waits (up to a minute: a cold `go build`) until it plays.
    bool open(const QString& dir);

    // The left channel as captured so far.
    std::vector<float> captured() const;
    std::size_t capturedFrames() const;
    // Waits until `frames` more frames have been captured.
    bool waitForFrames(std::size_t frames);

private:
    void drain();

    QTemporaryDir temp_;
    std::unique_ptr<ui::Studio> studio_;
    std::shared_ptr<rt::OutputTap> tap_;
    mutable std::mutex captureMutex_;
    std::vector<float> left_;
    std::atomic<bool> draining_{true};
    std::thread drainer_;
};

// The largest absolute sample over [from, to) and the largest sample-to-sample step.
float peak(const std::vector<float>& x, std::size_t from, std::size_t to);
float largestStep(const std::vector<float>& x, std::size_t from, std::size_t to);

} // namespace govox::test
