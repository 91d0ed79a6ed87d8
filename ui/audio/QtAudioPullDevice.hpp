// QtAudioPullDevice.hpp - the QIODevice a QAudioSink pulls from in pull mode: every read
// renders fresh audio through the engine's AudioCallback.
//
// Aims
// - A synth never runs dry: a read always returns every whole frame asked for. (A pull
//   source that returns 0 makes QAudioSink stop asking.)
// - Qt asks for whatever its platform code likes (PulseAudio: 20 ms at a time), but the
//   mixer was prepared for blocks of at most blockFrames: a read is rendered as several
//   blocks of at most that size.
// - Renders into two channel buffers allocated in the constructor and interleaves into
//   Qt's buffer as stereo float32 or, for devices without float, int16.
// - Can be muted from another thread for good: it then writes silence and never calls the
//   callback again (a stream QtAudioBackend had to abandon may outlive the callback).
//
// Threads: constructed on any thread; readData() runs on the thread the QAudioSink lives
// on (QtAudioBackend's audio thread). readData() does not allocate, lock or throw; Qt's
// pull loop around it may. Open it ReadOnly | Unbuffered, so QIODevice adds no buffer of
// its own and every read reaches readData().
#pragma once

#include "engine/rt/AudioCallback.hpp"
#include "engine/rt/RealtimeAttributes.hpp"

#include <QIODevice>

#include <atomic>
#include <cstdint>
#include <vector>

namespace govox::ui {

class QtAudioPullDevice final : public QIODevice {
    Q_OBJECT

public:
    enum class SampleFormat { Float32, Int16 };

    // `muted`, if given, is read before every render; once true the callback is not called.
    QtAudioPullDevice(rt::AudioCallback& callback, SampleFormat format, std::uint32_t blockFrames,
                      const std::atomic<bool>* muted = nullptr, QObject* parent = nullptr);

    bool isSequential() const override { return true; }
    // Always plenty: the audio is made on demand.
    qint64 bytesAvailable() const override;
    std::uint32_t bytesPerFrame() const noexcept GOVOX_NONBLOCKING;
    // How many reads rendered something; read it on the audio thread (the stall watch).
    std::uint64_t pulls() const noexcept { return pulls_; }

protected:
    qint64 readData(char* data, qint64 maxSize) noexcept GOVOX_NONBLOCKING override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    void interleave(char* out, std::uint32_t frames) noexcept GOVOX_NONBLOCKING;

    rt::AudioCallback& callback_;
    SampleFormat format_;
    std::uint32_t blockFrames_;
    const std::atomic<bool>* muted_;
    std::vector<float> left_;
    std::vector<float> right_;
    std::uint64_t pulls_ = 0;
};

} // namespace govox::ui
