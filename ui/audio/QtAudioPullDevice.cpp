#include "ui/audio/QtAudioPullDevice.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace govox::ui {
namespace {

// Full scale maps to 32767 both ways, so +1.0 and -1.0 stay symmetric and never wrap. The
// mixer's limiter already clamps and removes NaN; this only keeps the cast defined.
std::int16_t toInt16(float x) noexcept GOVOX_NONBLOCKING {
    if (std::isnan(x)) return 0;
    return static_cast<std::int16_t>(std::lrint(std::clamp(x, -1.0f, 1.0f) * 32767.0f));
}

} // namespace

QtAudioPullDevice::QtAudioPullDevice(rt::AudioCallback& callback, SampleFormat format,
                                     std::uint32_t blockFrames, const std::atomic<bool>* muted,
                                     QObject* parent)
    : QIODevice(parent), callback_(callback), format_(format),
      blockFrames_(std::max<std::uint32_t>(blockFrames, 1)), muted_(muted),
      left_(blockFrames_, 0.0f), right_(blockFrames_, 0.0f) {}

qint64 QtAudioPullDevice::bytesAvailable() const {
    return qint64{1} << 24; // 16 MiB: more than any platform buffer asks for at once
}

std::uint32_t QtAudioPullDevice::bytesPerFrame() const noexcept GOVOX_NONBLOCKING {
    return format_ == SampleFormat::Float32 ? 2 * sizeof(float) : 2 * sizeof(std::int16_t);
}

qint64 QtAudioPullDevice::readData(char* data, qint64 maxSize) noexcept GOVOX_NONBLOCKING {
    const qint64 frames = maxSize / bytesPerFrame();
    if (muted_ != nullptr && muted_->load(std::memory_order_acquire)) {
        std::memset(data, 0, static_cast<std::size_t>(frames * bytesPerFrame()));
        return frames * bytesPerFrame();
    }
    for (qint64 done = 0; done < frames;) {
        const auto n = static_cast<std::uint32_t>(std::min<qint64>(frames - done, blockFrames_));
        callback_.render(left_.data(), right_.data(), n);
        interleave(data + done * bytesPerFrame(), n);
        done += n;
    }
    if (frames > 0) ++pulls_;
    return frames * bytesPerFrame();
}

// memcpy, not a cast: Qt's buffer is a char array with no alignment promise.
void QtAudioPullDevice::interleave(char* out, std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
    if (format_ == SampleFormat::Float32) {
        for (std::uint32_t i = 0; i < frames; ++i) {
            const float frame[2] = {left_[i], right_[i]};
            std::memcpy(out + i * sizeof frame, frame, sizeof frame);
        }
        return;
    }
    for (std::uint32_t i = 0; i < frames; ++i) {
        const std::int16_t frame[2] = {toInt16(left_[i]), toInt16(right_[i])};
        std::memcpy(out + i * sizeof frame, frame, sizeof frame);
    }
}

} // namespace govox::ui
