#include "engine/shm/Region.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace govox::shm {
namespace {

std::string systemError(const char* what) {
    return std::string(what) + ": " + std::strerror(errno);
}

std::string checkConfig(const RegionConfig& c) {
    if (c.voiceCount < 1 || c.voiceCount > GOVOX_MAX_VOICES)
        return "voice count " + std::to_string(c.voiceCount) + " is outside 1.." +
               std::to_string(GOVOX_MAX_VOICES);
    if (!govox_is_valid_ring_capacity(c.ringCapacityFrames))
        return "ring capacity " + std::to_string(c.ringCapacityFrames) +
               " frames is not a power of two in " + std::to_string(GOVOX_MIN_RING_FRAMES) + ".." +
               std::to_string(GOVOX_MAX_RING_FRAMES);
    if (c.ringTargetFrames < 1 || c.ringTargetFrames > c.ringCapacityFrames)
        return "ring target " + std::to_string(c.ringTargetFrames) +
               " frames must be between 1 and the ring capacity";
    if (c.maxBlockFrames < 1 || c.maxBlockFrames > c.ringCapacityFrames)
        return "block size " + std::to_string(c.maxBlockFrames) +
               " frames must be between 1 and the ring capacity";
    if (c.sampleRate < 8000 || c.sampleRate > 384000)
        return "sample rate " + std::to_string(c.sampleRate) + " Hz is not supported";
    return {};
}

void writeIdentity(govox_header& h, const RegionConfig& c, const govox_layout& l) {
    h.magic = GOVOX_ABI_MAGIC;
    h.abi_version = GOVOX_ABI_VERSION;
    h.region_size = l.region_size;
    h.header_size = sizeof(govox_header);
    h.event_size = sizeof(govox_event);
    h.event_queue_size = sizeof(govox_event_queue);
    h.voice_slot_size = sizeof(govox_voice_slot);
    h.param_block_size = sizeof(govox_param_block);
    h.host_stats_size = sizeof(govox_host_stats);
    h.voice_count = c.voiceCount;
    h.ring_capacity_frames = c.ringCapacityFrames;
    h.channels = GOVOX_CHANNELS;
    h.event_capacity = GOVOX_EVENT_CAPACITY;
    h.param_capacity = GOVOX_MAX_PARAMS;
    h.sample_rate = c.sampleRate;
    h.max_block_frames = c.maxBlockFrames;
    h.event_queue_offset = l.event_queue_offset;
    h.voices_offset = l.voices_offset;
    h.rings_offset = l.rings_offset;
    h.ring_stride_bytes = l.ring_stride_bytes;
    h.params_offset = l.params_offset;
    h.host_stats_offset = l.host_stats_offset;
    h.ring_target_frames = c.ringTargetFrames;
    h.quality_hint = c.quality;
    h.engine_pid = static_cast<std::uint32_t>(getpid());
}

std::string describeMismatch(const govox_header& h, govox_layout_error e, std::uint64_t size) {
    std::string text = std::string("cannot attach voice region: ") + govox_layout_error_text(e);
    switch (e) {
    case GOVOX_LAYOUT_BAD_MAGIC: {
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%08X", h.magic);
        return text + " (found " + hex + ")";
    }
    case GOVOX_LAYOUT_BAD_VERSION:
        return text + " (region has version " + std::to_string(h.abi_version) +
               ", this build expects " + std::to_string(GOVOX_ABI_VERSION) + ")";
    case GOVOX_LAYOUT_TOO_SMALL:
    case GOVOX_LAYOUT_SIZE_MISMATCH:
        return text + " (mapping is " + std::to_string(size) + " bytes)";
    default: return text;
    }
}

} // namespace

RegionResult Region::create(const RegionConfig& config) {
    if (std::string bad = checkConfig(config); !bad.empty())
        return {nullptr, "cannot create voice region: " + bad};
    const govox_layout layout = govox_layout_compute(config.voiceCount, config.ringCapacityFrames);
    const int fd = memfd_create("govox-voices", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) return {nullptr, systemError("cannot create voice region (memfd_create)")};
    if (ftruncate(fd, static_cast<off_t>(layout.region_size)) != 0 ||
        fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
        std::string error = systemError("cannot size voice region");
        close(fd);
        return {nullptr, error};
    }
    void* base =
        mmap(nullptr, layout.region_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
    if (base == MAP_FAILED) {
        std::string error = systemError("cannot map voice region");
        close(fd);
        return {nullptr, error};
    }
    writeIdentity(*static_cast<govox_header*>(base), config, layout);
    return {std::unique_ptr<Region>(new Region(fd, FdOwnership::Owned, base, layout,
                                               config.voiceCount, config.ringCapacityFrames)),
            {}};
}

RegionResult Region::attach(int fd) {
    struct stat st{};
    if (fstat(fd, &st) != 0) return {nullptr, systemError("cannot attach voice region (fstat)")};
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size < sizeof(govox_header))
        return {nullptr, "cannot attach voice region: " +
                             std::string(govox_layout_error_text(GOVOX_LAYOUT_TOO_SMALL)) + " (" +
                             std::to_string(size) + " bytes)"};
    void* base = mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, 0);
    if (base == MAP_FAILED) return {nullptr, systemError("cannot map voice region")};
    const auto& h = *static_cast<const govox_header*>(base);
    const govox_layout_error e = govox_layout_validate(&h, size);
    if (e != GOVOX_LAYOUT_OK) {
        std::string error = describeMismatch(h, e, size);
        munmap(base, size);
        return {nullptr, error};
    }
    const govox_layout layout = govox_layout_compute(h.voice_count, h.ring_capacity_frames);
    return {std::unique_ptr<Region>(new Region(fd, FdOwnership::Borrowed, base, layout,
                                               h.voice_count, h.ring_capacity_frames)),
            {}};
}

Region::Region(int fd, FdOwnership ownership, void* base, const govox_layout& layout,
               std::uint32_t voices, std::uint32_t capacity) noexcept
    : fd_(fd), ownership_(ownership), base_(base), layout_(layout), voiceCount_(voices),
      ringCapacity_(capacity) {}

Region::~Region() {
    munmap(base_, layout_.region_size);
    if (ownership_ == FdOwnership::Owned) close(fd_);
}

std::string Region::hostMessage() const {
    const char* m = header().message;
    std::size_t n = 0;
    while (n < GOVOX_MESSAGE_LEN && m[n] != '\0') ++n;
    return std::string(m, n);
}

} // namespace govox::shm
