// PulseCapture.hpp - records a PulseAudio source (a null sink's monitor) with parec into a
// file, to check what a backend really played.
//
// parec runs as a child process writing raw float32 stereo; the constructor waits until
// samples arrive, so recording has begun before the test plays. Not thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace govox::ui::test {

class PulseCapture {
public:
    // Records `source` of the server at `address` at `sampleRate` into `path`.
    PulseCapture(const std::string& address, const std::string& source, std::uint32_t sampleRate,
                 const std::string& path);
    ~PulseCapture(); // stops parec if still running
    PulseCapture(const PulseCapture&) = delete;
    PulseCapture& operator=(const PulseCapture&) = delete;

    const std::string& error() const { return error_; }
    // Stops parec (SIGINT, so it flushes) and reads the file into left() and right().
    std::string stop();
    const std::vector<float>& left() const { return left_; }
    const std::vector<float>& right() const { return right_; }

private:
    std::uintmax_t fileSize() const;

    std::string path_;
    pid_t pid_ = -1;
    std::string error_;
    std::vector<float> left_;
    std::vector<float> right_;
};

} // namespace govox::ui::test
