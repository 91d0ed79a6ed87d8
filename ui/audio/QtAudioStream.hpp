// QtAudioStream.hpp - one QAudioSink playing from a QtAudioPullDevice, living on the
// QtAudioBackend's audio thread.
//
// Aims
// - Everything that touches the QAudioSink happens on the thread it was made on: Qt's
//   platform sinks drive pull mode from timers and queued calls on that thread.
// - Turns what QAudioSink reports into the engine's terms: IdleState while playing is an
//   underrun (PulseAudio's underflow callback sets UnderrunError and IdleState) and becomes
//   AudioCallback::xrun(); StoppedState with an error is a failure with a message.
// - Watches what QAudioSink does not report. When its device goes away PulseAudio moves the
//   stream to another sink and Qt 6.4 says nothing, so a device missing from Qt's list is a
//   failure ("was disconnected"): the app restarts with its fallback and says what plays
//   now, instead of showing a device that is gone. And when a stream is killed Qt's sink
//   neither changes state nor reports an error, it just stops pulling: no pull for
//   kStallMs (kStartupMs before the first) is a failure too.
//
// Threads: construct on the control thread, then moveToThread(); open(), close() and the
// destructor on the audio thread. failed() and failure() from any thread.
#pragma once

#include "engine/rt/AudioCallback.hpp"
#include "ui/audio/QtAudioPullDevice.hpp"

#include <QAudio>
#include <QAudioDevice>
#include <QAudioFormat>
#include <QObject>

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>

class QAudioSink;
class QTimer;

namespace govox::ui {

// What QtAudioBackend decided before opening: device, format, block and buffer sizes.
struct QtStreamPlan {
    QAudioDevice device;
    QAudioFormat format; // stereo, float or int16, at the rate to play
    QtAudioPullDevice::SampleFormat sampleFormat = QtAudioPullDevice::SampleFormat::Float32;
    std::uint32_t blockFrames = 128;         // largest render() call (the mixer's block)
    std::uint32_t deviceBufferFrames = 4096; // what to ask the sink's buffer to hold
};

class QtAudioStream final : public QObject {
    Q_OBJECT

public:
    static constexpr int kWatchMs = 250;
    static constexpr int kStallMs = 2000;
    static constexpr int kStartupMs = 5000; // a sink may take a while to start pulling

    QtAudioStream(rt::AudioCallback& callback, QtStreamPlan plan);
    ~QtAudioStream() override;

    // Audio thread. Creates and starts the sink; an error message, or empty.
    std::string open();
    // Audio thread. Stops and deletes the sink: render() is not called after it returns.
    void close();
    // The sink's buffer as granted, in frames; valid after open() succeeded.
    std::uint32_t grantedBufferFrames() const noexcept { return grantedFrames_; }

    bool failed() const noexcept { return failed_.load(std::memory_order_acquire); }
    std::string failure() const;
    // Any thread: render() is never called again (for a stream stuck inside Qt's open).
    void abandon() noexcept { abandoned_.store(true, std::memory_order_release); }

private:
    void onStateChanged(QAudio::State state);
    void watch(); // every kWatchMs on the audio thread
    bool deviceListed() const;
    void fail(const std::string& why);
    std::string deviceName() const;

    rt::AudioCallback& callback_;
    QtStreamPlan plan_;
    QAudioSink* sink_ = nullptr;          // child; audio thread
    QtAudioPullDevice* source_ = nullptr; // child; audio thread
    QTimer* watch_ = nullptr;             // child; audio thread
    bool playing_ = false;                // between a successful open() and close()
    std::uint32_t grantedFrames_ = 0;
    std::uint64_t lastPulls_ = 0;
    int quietMs_ = 0;
    std::atomic<bool> failed_{false};
    std::atomic<bool> abandoned_{false};
    mutable std::mutex failureMutex_; // failure_ is written on the audio thread, read anywhere
    std::string failure_;
};

} // namespace govox::ui
