// QtAudioBackend.hpp - audio output through Qt Multimedia's QAudioSink (BackendKind::Qt).
//
// Aims
// - The engine's backend interface, implemented with Qt: it lives in ui/ because the engine
//   never includes Qt, and registerQtAudioBackend() makes it available to makeBackend() and
//   listOutputDevices() like the engine's own backends.
// - Pull mode: the sink reads a QtAudioPullDevice whose readData() renders through the
//   AudioCallback, stereo float32 when the device takes it, else int16.
// - Its own thread. QAudioSink needs an event loop: Qt's PulseAudio sink feeds itself from
//   a timer and queued calls on the thread that started it. The sink therefore lives on a
//   dedicated QThread running its own event loop ("govox-qt-audio", SCHED_FIFO 70 where
//   allowed, like RtAudio's), so audio never waits for the UI thread (a long paint, a modal
//   dialog) and the UI never waits for audio.
// - Honest sizes. Qt 6.4's PulseAudio sink pulls in fixed 20 ms periods and only when a
//   whole period fits in its buffer; with a buffer under two periods it never starts, and
//   under three it underruns. So the device buffer asked for is at least kMinBufferMs, and
//   info() reports what PulseAudio granted (about three quarters of what is asked). render()
//   is still called in blocks of at most request.bufferFrames, as the mixer was prepared.
// - Never hangs the control thread. Qt 6.4's QAudioSink::start() waits forever for a
//   PulseAudio stream that failed (a device unplugged between listing and opening). The
//   device is looked up again on the audio thread just before opening, and the open is
//   awaited for kOpenTimeoutMs at most: a stream stuck past that (the remaining race of a
//   few milliseconds) is muted and its thread abandoned, since it cannot be joined while
//   Qt waits inside it, and start() fails. The cost of that rare case: libpulse aborts on
//   its mutex when Qt's audio service is destroyed at exit with the thread still waiting.
//
// Threads: start/stop/running/info/lastError on one control thread, which must be the
// thread the QCoreApplication runs on (see QtAudioDevices.hpp). render() and xrun() run on
// the audio thread. start() allocates; the audio thread's own code (readData) does not.
#pragma once

#include "engine/backend/AudioBackend.hpp"

#include <QAudioDevice>

#include <memory>
#include <string>

class QThread;

namespace govox::ui {

class QtAudioStream;
struct QtStreamPlan;

class QtAudioBackend final : public backend::AudioBackend {
public:
    static constexpr std::uint32_t kMaxBlockFrames = 16384;
    static constexpr std::uint32_t kMinBufferMs = 80;
    static constexpr int kOpenTimeoutMs = 3000; // opening takes ~3 ms when it works

    QtAudioBackend();
    ~QtAudioBackend() override; // stops
    QtAudioBackend(const QtAudioBackend&) = delete;
    QtAudioBackend& operator=(const QtAudioBackend&) = delete;

    // Opens request.device (a QAudioDevice description; empty: the default output). When
    // the device cannot play the requested rate it plays its preferred rate, which info()
    // reports (the engine then restarts at that rate). Needs a QCoreApplication.
    std::string start(const backend::StreamRequest& request, rt::AudioCallback& callback) override;
    // The same with a device the caller already holds (request.device is ignored).
    std::string start(const QAudioDevice& device, const backend::StreamRequest& request,
                      rt::AudioCallback& callback);
    // Stops the sink on the audio thread and joins the thread: the callback has returned
    // for good when this returns.
    void stop() override;
    // False once the stream failed by itself (lastError() says why).
    bool running() const override;
    backend::StreamInfo info() const override { return info_; }
    std::string lastError() const override;

private:
    std::string plan(const backend::StreamRequest& request, QtStreamPlan& out) const;
    std::string open(const QtStreamPlan& plan, rt::AudioCallback& callback);

    std::unique_ptr<QThread> thread_;
    QtAudioStream* stream_ = nullptr; // lives on thread_, deleted there when it finishes
    backend::StreamInfo info_;
    std::string failure_; // lastError() as it was when the stream was stopped
};

// Makes BackendKind::Qt available to backend::makeBackend() and listOutputDevices(). Call
// once from main() (UI thread) after the QApplication exists and before any stream starts.
void registerQtAudioBackend();

} // namespace govox::ui
