// WavFileWriter.hpp - writes stereo float32 WAV files through libsndfile.
//
// Aims
// - The engine renders left and right as separate blocks; this interleaves them into a
//   buffer allocated once by open().
// - Every failure (cannot create, short write such as a full disk, header not finished
//   on close) comes back as a message naming the file and libsndfile's reason.
// - Plain WAV (WAVE_FORMAT_IEEE_FLOAT), which every program reads. Its sizes are 32-bit,
//   so a file stops at kMaxFrames (4 GiB, about 3 hours at 48 kHz) with an error rather
//   than a header that silently wraps around.
//
// Threads: one thread at a time. open() allocates; write() does not. <sndfile.h> stays
// private to the engine target.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct sf_private_tag; // libsndfile's SNDFILE

namespace govox::backend {

class WavFileWriter {
public:
    // Stereo float32 frames that fit in a WAV file, leaving room for the header chunks.
    static constexpr std::uint64_t kMaxFrames = (0xffffffffull - 4096) / 8;

    WavFileWriter() = default;
    ~WavFileWriter(); // closes, ignoring errors: call close() to see them
    WavFileWriter(const WavFileWriter&) = delete;
    WavFileWriter& operator=(const WavFileWriter&) = delete;

    // Creates (or truncates) `path`; write() then takes up to maxBlockFrames at a time.
    std::string open(const std::string& path, std::uint32_t sampleRate,
                     std::uint32_t maxBlockFrames);
    // Appends `frames` (<= maxBlockFrames) frames.
    std::string write(const float* left, const float* right, std::uint32_t frames);
    // Completes the header and closes. Empty string if the file is complete.
    std::string close();

    bool isOpen() const noexcept { return file_ != nullptr; }
    std::uint64_t framesWritten() const noexcept { return written_; }

private:
    sf_private_tag* file_ = nullptr;
    std::string path_;
    std::vector<float> interleaved_;
    std::uint64_t written_ = 0;
};

} // namespace govox::backend
