#include "engine/backend/NullBackend.hpp"

#include <cerrno>
#include <functional>
#include <pthread.h>
#include <sched.h>
#include <system_error>
#include <time.h>

namespace govox::backend {
namespace {

constexpr std::uint64_t kNsPerSecond = 1'000'000'000ull;

std::uint64_t nowNs() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * kNsPerSecond +
           static_cast<std::uint64_t>(ts.tv_nsec);
}

// How long `frames` frames last, split so that frames * 1e9 cannot overflow.
std::uint64_t durationNs(std::uint64_t frames, std::uint32_t rate) noexcept {
    return frames / rate * kNsPerSecond + frames % rate * kNsPerSecond / rate;
}

void sleepUntil(std::uint64_t ns) noexcept {
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(ns / kNsPerSecond);
    ts.tv_nsec = static_cast<long>(ns % kNsPerSecond);
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
    }
}

// Like a sound card's callback thread (RtAudio asks for SCHED_FIFO 70 the same way), so
// that the null backend measures what Govox does, not how late the scheduler wakes an
// ordinary thread on a busy machine. Without the privilege it runs at normal priority.
void raiseToRealtimePriority() {
    sched_param param{};
    param.sched_priority = 70;
    pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
}

} // namespace

NullBackend::~NullBackend() {
    stop();
}

std::string NullBackend::start(const StreamRequest& request, rt::AudioCallback& callback) {
    if (thread_.joinable()) return "null: already running; stop it first";
    if (request.sampleRate < 1000) return "null: the sample rate must be at least 1000 Hz";
    if (request.bufferFrames == 0 || request.bufferFrames > kMaxBufferFrames)
        return "null: the buffer must be 1 to " + std::to_string(kMaxBufferFrames) + " frames";
    info_ = StreamInfo{backendName(BackendKind::Null), "null", request.sampleRate,
                       request.bufferFrames, 0};
    left_.assign(request.bufferFrames, 0.0f);
    right_.assign(request.bufferFrames, 0.0f);
    stopRequested_.store(false);
    try {
        thread_ = std::thread(&NullBackend::run, this, std::ref(callback));
    } catch (const std::system_error& e) {
        return std::string("null: cannot start the audio thread: ") + e.what();
    }
    return {};
}

void NullBackend::stop() {
    if (!thread_.joinable()) return;
    stopRequested_.store(true, std::memory_order_release);
    thread_.join();
}

void NullBackend::run(rt::AudioCallback& callback) {
    raiseToRealtimePriority();
    const std::uint32_t frames = info_.bufferFrames;
    const std::uint32_t rate = info_.sampleRate;
    const std::uint64_t period = durationNs(frames, rate);
    std::uint64_t origin = nowNs();
    std::uint64_t handedOut = 0; // frames rendered since origin
    while (!stopRequested_.load(std::memory_order_acquire)) {
        callback.render(left_.data(), right_.data(), frames);
        handedOut += frames;
        const std::uint64_t due = origin + durationNs(handedOut, rate); // the next block
        const std::uint64_t now = nowNs();
        if (now > due + period) {
            // A device would have played a gap here. Count it and restart the clock
            // rather than render a burst of blocks to catch up.
            callback.xrun();
            origin = now;
            handedOut = 0;
            continue;
        }
        sleepUntil(due);
    }
}

} // namespace govox::backend
