// AtomicWavFile.hpp - a WAV file that appears under its name only when it is complete.
//
// Aims
// - A render that fails (a full disk, a voice that crashes, a render stopped by an error)
//   or a process that dies never leaves a torn file under the name the user gave, and never
//   destroys a file that was there: the frames go to ".<name>.partial-<pid>" in the same
//   folder (so the rename cannot cross file systems), and commit() syncs it and renames it
//   over the target. Without commit() the temporary file is removed.
// - Every error names the file the user asked for, not the temporary one.
//
// Threads: one thread at a time, as WavFileWriter. open() allocates; write() does not.
#pragma once

#include "engine/backend/WavFileWriter.hpp"

#include <cstdint>
#include <string>

namespace govox::backend {

class AtomicWavFile {
public:
    AtomicWavFile() = default;
    ~AtomicWavFile(); // removes the temporary file unless committed
    AtomicWavFile(const AtomicWavFile&) = delete;
    AtomicWavFile& operator=(const AtomicWavFile&) = delete;

    // Starts the temporary file for `path`; write() then takes up to maxBlockFrames at a time.
    std::string open(const std::string& path, std::uint32_t sampleRate,
                     std::uint32_t maxBlockFrames);
    std::string write(const float* left, const float* right, std::uint32_t frames);
    // Completes the file, syncs it and renames it over the target. Empty if it is there.
    std::string commit();

    const std::string& temporaryPath() const noexcept { return temp_; }

private:
    std::string named(std::string error) const; // the temporary name replaced by the target

    std::string path_;
    std::string temp_;
    WavFileWriter file_;
    bool committed_ = false;
};

} // namespace govox::backend
