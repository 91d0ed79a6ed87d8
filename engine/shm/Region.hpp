// Region.hpp - one shared-memory region of the Govox ABI (govox_abi.h).
//
// Aims
// - The engine creates a region with memfd_create: anonymous, never visible by name to
//   other users, passed to a voice host as an inherited file descriptor. It is sealed
//   against shrinking (and growing, and further seals) so a host cannot truncate it
//   under the engine (which would turn every later read into SIGBUS).
// - attach() maps a region from a descriptor and validates it, returning a message that
//   names the problem (wrong magic, ABI version, struct size, region size) on failure.
// - After validation the layout is copied into this object; accessors use that copy and
//   never re-read sizes or offsets from the shared header, which a host could overwrite.
//
// Threads: create/attach/destroy on a control thread. The accessors are plain pointer
// arithmetic and may be used anywhere, including the audio thread.
#pragma once

#include "engine/abi/govox_abi.h"

#include <cstdint>
#include <memory>
#include <string>

namespace govox::shm {

struct RegionConfig {
    std::uint32_t voiceCount = 32;
    std::uint32_t ringCapacityFrames = 4096; // power of two
    std::uint32_t ringTargetFrames = 1024;   // fill level hosts aim for, <= capacity
    std::uint32_t sampleRate = 48000;
    std::uint32_t maxBlockFrames = 1024;
    govox_quality quality = GOVOX_QUALITY_NORMAL; // the hint the voices start with
};

class Region;

struct RegionResult {
    std::unique_ptr<Region> region; // null on failure
    std::string error;              // why, when region is null
};

class Region {
public:
    // Creates, sizes, seals and initialises a new region. Allocates; control thread.
    static RegionResult create(const RegionConfig& config);
    // Maps the region behind fd (not taken over: the caller keeps and closes its fd) and
    // validates it against this build.
    static RegionResult attach(int fd);

    ~Region();
    Region(const Region&) = delete;
    Region& operator=(const Region&) = delete;

    int fd() const noexcept { return fd_; }
    std::uint64_t size() const noexcept { return layout_.region_size; }
    std::uint32_t voiceCount() const noexcept { return voiceCount_; }
    std::uint32_t ringCapacity() const noexcept { return ringCapacity_; }

    govox_header& header() const noexcept { return *static_cast<govox_header*>(base_); }
    govox_event_queue& events() const noexcept {
        return at<govox_event_queue>(layout_.event_queue_offset);
    }
    govox_voice_slot& voice(std::uint32_t i) const noexcept {
        return (&at<govox_voice_slot>(layout_.voices_offset))[i];
    }
    govox_param_block& params() const noexcept {
        return at<govox_param_block>(layout_.params_offset);
    }
    govox_host_stats& hostStats() const noexcept {
        return at<govox_host_stats>(layout_.host_stats_offset);
    }
    float* ringFrames(std::uint32_t i) const noexcept {
        return reinterpret_cast<float*>(static_cast<char*>(base_) + layout_.rings_offset +
                                        i * layout_.ring_stride_bytes);
    }

    // The host's failure message, bounded and copied out of shared memory.
    std::string hostMessage() const;

private:
    // Whether the region closes its descriptor: one it created, not one it attached to.
    enum class FdOwnership { Owned, Borrowed };

    Region(int fd, FdOwnership ownership, void* base, const govox_layout& layout,
           std::uint32_t voices, std::uint32_t capacity) noexcept;
    template <class T>
    T& at(std::uint64_t offset) const noexcept {
        return *reinterpret_cast<T*>(static_cast<char*>(base_) + offset);
    }

    int fd_;
    FdOwnership ownership_;
    void* base_;
    govox_layout layout_;
    std::uint32_t voiceCount_;
    std::uint32_t ringCapacity_;
};

} // namespace govox::shm
