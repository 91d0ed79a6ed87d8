#include "engine/audio/Recorder.hpp"

#include <chrono>
#include <filesystem>
#include <vector>

namespace govox::audio {

Recorder::~Recorder() {
    stop();
}

std::string Recorder::start(const std::string& path) {
    stop();
    if (!engine_.mixer()) return "cannot record: the audio engine is not running";
    sampleRate_ = engine_.mixer()->sampleRate();
    // Written beside the target and renamed over it when finished, so an existing file
    // is replaced only by a complete recording.
    path_ = path;
    partial_ = path + ".part";
    if (std::string e = writer_.open(partial_, sampleRate_, 4096); !e.empty())
        return "cannot record: " + e;
    tap_ = engine_.startTap(1 << 17); // 2.7 s at 48 kHz: ample slack for a slow disk
    if (!tap_) {
        writer_.close();
        return "cannot record: the audio engine is not running";
    }
    frames_ = 0;
    failed_ = false;
    error_.clear();
    running_ = true;
    thread_ = std::thread([this] { drain(); });
    return {};
}

void Recorder::drain() {
    std::vector<float> interleaved(2 * 4096), left(4096), right(4096);
    while (running_) {
        const std::uint32_t n = tap_->read(interleaved.data(), 4096);
        if (n == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
            continue;
        }
        for (std::uint32_t i = 0; i < n; ++i) {
            left[i] = interleaved[2 * i];
            right[i] = interleaved[2 * i + 1];
        }
        if (std::string e = writer_.write(left.data(), right.data(), n); !e.empty()) {
            std::lock_guard lock(errorMutex_);
            error_ = "recording stopped: " + e;
            failed_ = true;
            return;
        }
        frames_ += n;
    }
}

std::string Recorder::stop() {
    if (!thread_.joinable()) return {};
    engine_.stopTap(); // no more blocks arrive; what is in the tap is the recording's end
    running_ = false;
    thread_.join();
    std::vector<float> interleaved(2 * 4096), left(4096), right(4096);
    while (!failed_ && tap_) { // the tail the writer had not reached yet
        const std::uint32_t n = tap_->read(interleaved.data(), 4096);
        if (n == 0) break;
        for (std::uint32_t i = 0; i < n; ++i) {
            left[i] = interleaved[2 * i];
            right[i] = interleaved[2 * i + 1];
        }
        if (writer_.write(left.data(), right.data(), n).empty()) frames_ += n;
    }
    tap_.reset();
    const std::string closeError = writer_.close();
    std::error_code ec;
    std::filesystem::rename(partial_, path_, ec);
    std::lock_guard lock(errorMutex_);
    if (error_.empty() && !closeError.empty()) error_ = closeError;
    if (error_.empty() && ec) error_ = "cannot finish " + path_ + ": " + ec.message();
    return error_;
}

double Recorder::seconds() const {
    return double(frames_.load()) / sampleRate_;
}
std::uint64_t Recorder::droppedFrames() const {
    return tap_ ? tap_->dropped() : 0;
}

std::string Recorder::error() const {
    std::lock_guard lock(errorMutex_);
    return error_;
}

} // namespace govox::audio
