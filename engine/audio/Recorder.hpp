// Recorder.hpp - records what the engine plays into a WAV file (32-bit float, stereo).
//
// The audio thread copies each block into an OutputTap; a thread of the recorder's own
// drains it into libsndfile, so the audio thread never touches the disk. A write error
// (a full disk) stops the recording and is reported; the file keeps what was written. The
// file is written as <path>.part and renamed to <path> when the recording stops.
//
// Threads: start/stop/status on one control thread; the writer on its own thread.
#pragma once

#include "engine/audio/AudioEngine.hpp"
#include "engine/backend/WavFileWriter.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace govox::audio {

class Recorder {
public:
    explicit Recorder(AudioEngine& engine) : engine_(engine) {}
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // Starts recording into `path`; an error names the file and the cause.
    std::string start(const std::string& path);
    // Stops, finishes the file and returns any error met while recording.
    std::string stop();
    bool recording() const { return thread_.joinable() && !failed_; }
    double seconds() const;
    std::uint64_t droppedFrames() const;
    // A write error met while recording (the recording has stopped), or empty.
    std::string error() const;

private:
    void drain();

    AudioEngine& engine_;
    std::shared_ptr<rt::OutputTap> tap_;
    backend::WavFileWriter writer_;
    std::atomic<bool> running_{false};
    std::atomic<bool> failed_{false};
    std::atomic<std::uint64_t> frames_{0};
    std::uint32_t sampleRate_ = 48000;
    std::string path_, partial_;
    mutable std::mutex errorMutex_;
    std::string error_;
    std::thread thread_;
};

} // namespace govox::audio
