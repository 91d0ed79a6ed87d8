#include "engine/backend/WavFileWriter.hpp"

#include <sndfile.h>

namespace govox::backend {

WavFileWriter::~WavFileWriter() {
    if (file_ != nullptr) sf_close(file_);
}

std::string WavFileWriter::open(const std::string& path, std::uint32_t sampleRate,
                                std::uint32_t maxBlockFrames) {
    if (file_ != nullptr) return "'" + path_ + "' is still open";
    SF_INFO format{};
    format.samplerate = static_cast<int>(sampleRate);
    format.channels = 2;
    format.format = SF_FORMAT_WAV | SF_FORMAT_FLOAT;
    SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &format);
    if (file == nullptr) return "cannot create '" + path + "': " + sf_strerror(nullptr);
    // libsndfile's PEAK chunk carries a timestamp: without it, the same audio gives the
    // same file, byte for byte (offline renders are compared that way).
    sf_command(file, SFC_SET_ADD_PEAK_CHUNK, nullptr, SF_FALSE);
    file_ = file;
    path_ = path;
    interleaved_.assign(std::size_t{maxBlockFrames} * 2, 0.0f);
    written_ = 0;
    return {};
}

std::string WavFileWriter::write(const float* left, const float* right, std::uint32_t frames) {
    if (file_ == nullptr) return "writing to a file that is not open";
    if (std::size_t{frames} * 2 > interleaved_.size())
        return "block of " + std::to_string(frames) + " frames is larger than the buffer";
    if (written_ + frames > kMaxFrames)
        return "'" + path_ + "' reached the 4 GiB size limit of WAV files";
    for (std::uint32_t i = 0; i < frames; ++i) {
        interleaved_[2 * i] = left[i];
        interleaved_[2 * i + 1] = right[i];
    }
    const sf_count_t done = sf_writef_float(file_, interleaved_.data(), frames);
    if (done > 0) written_ += static_cast<std::uint64_t>(done);
    if (done != static_cast<sf_count_t>(frames))
        return "writing '" + path_ + "' failed after " + std::to_string(written_) +
               " frames: " + sf_strerror(file_);
    return {};
}

std::string WavFileWriter::close() {
    if (file_ == nullptr) return {};
    SNDFILE* file = file_;
    file_ = nullptr;
    // Closing writes the final sizes into the header; on a full disk that can fail too.
    const int error = sf_close(file);
    if (error != 0) return "finishing '" + path_ + "' failed: " + sf_error_number(error);
    return {};
}

} // namespace govox::backend
