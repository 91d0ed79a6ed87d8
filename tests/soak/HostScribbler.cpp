#include "HostScribbler.hpp"

#include "engine/abi/SharedAtomic.hpp"
#include "engine/abi/govox_abi.h"

#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace govox::soak {

int scribbleRingIndices(pid_t host, std::string& error) {
    // Descriptor 3 is the region (engine/host/HostProcess.hpp); opening it through /proc
    // maps the same memory the engine and the host share.
    const std::string path = "/proc/" + std::to_string(host) + "/fd/3";
    const int fd = open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        error = "cannot open " + path + ": " + std::strerror(errno);
        return 0;
    }
    struct stat st{};
    void* base = fstat(fd, &st) == 0 ? mmap(nullptr, std::size_t(st.st_size),
                                            PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)
                                     : MAP_FAILED;
    close(fd);
    if (base == MAP_FAILED) {
        error = "cannot map the region: " + std::string(std::strerror(errno));
        return 0;
    }
    auto* bytes = static_cast<unsigned char*>(base);
    const auto& header = *reinterpret_cast<const govox_header*>(bytes);
    int hit = 0;
    if (header.magic != GOVOX_ABI_MAGIC) {
        error = path + " is not a Govox region";
    } else {
        for (std::uint32_t v = 0; v < header.voice_count; ++v) {
            auto& slot = *reinterpret_cast<govox_voice_slot*>(
                bytes + header.voices_offset + std::size_t{v} * header.voice_slot_size);
            const std::uint32_t state = abi::loadAcquire(slot.state);
            if (state != GOVOX_VOICE_ACTIVE && state != GOVOX_VOICE_RELEASING) continue;
            const std::uint32_t read = abi::loadAcquire(slot.read_index);
            abi::storeRelease(slot.write_index, read + 0x40000000u + v);
            abi::storeRelease(slot.read_index, read + 0x20000000u);
            ++hit;
        }
        if (hit == 0) error = "no voice was sounding";
    }
    munmap(base, std::size_t(st.st_size));
    return hit;
}

} // namespace govox::soak
