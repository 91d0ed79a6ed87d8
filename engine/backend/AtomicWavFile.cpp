#include "engine/backend/AtomicWavFile.hpp"

#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace govox::backend {

namespace {
// ".<name>.partial-<pid>" beside the target. Built by appending: GCC 12 with Debian's
// hardening flags reports a false -Wrestrict on `"." + std::string&&`.
std::string temporaryNameFor(const std::string& target) {
    const std::filesystem::path path(target);
    std::string name = ".";
    name += path.filename().string();
    name += ".partial-";
    name += std::to_string(getpid());
    return (path.parent_path() / name).string();
}
} // namespace

AtomicWavFile::~AtomicWavFile() {
    if (temp_.empty() || committed_) return;
    file_.close();
    std::error_code ignored;
    std::filesystem::remove(temp_, ignored);
}

std::string AtomicWavFile::open(const std::string& path, std::uint32_t sampleRate,
                                std::uint32_t maxBlockFrames) {
    path_ = path;
    temp_ = temporaryNameFor(path);
    committed_ = false;
    return named(file_.open(temp_, sampleRate, maxBlockFrames));
}

std::string AtomicWavFile::write(const float* left, const float* right, std::uint32_t frames) {
    return named(file_.write(left, right, frames));
}

std::string AtomicWavFile::commit() {
    if (std::string error = named(file_.close()); !error.empty()) return error;
    // The data reaches the disk before the name does: a crash never leaves a
    // complete-looking name over a torn file.
    if (const int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC); fd >= 0) {
        const bool synced = fsync(fd) == 0;
        ::close(fd);
        if (!synced) return "cannot write '" + path_ + "': the disk did not take the data";
    }
    std::error_code ec;
    std::filesystem::rename(temp_, path_, ec);
    if (ec) return "cannot write '" + path_ + "': " + ec.message();
    committed_ = true;
    return {};
}

std::string AtomicWavFile::named(std::string error) const {
    for (std::size_t at; (at = error.find(temp_)) != std::string::npos;)
        error.replace(at, temp_.size(), path_);
    return error;
}

} // namespace govox::backend
