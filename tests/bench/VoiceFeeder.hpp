// VoiceFeeder.hpp - drives every voice slot of a region directly, as a voice host would,
// so that a benchmark can keep the rings at a fixed fill level outside its timed part.
//
// Aims
// - Follows the slot protocol of govox_abi.h: FREE -> STARTING, gain 1.0 and centre pan,
//   the first block written, then ACTIVE; afterwards the rings are only topped up.
// - feed() writes one block per voice, so a mixer reading one block per voice between two
//   feeds keeps every ring at the same fill, and the data it reads was written `leadFrames`
//   earlier, as with a host that runs ahead by the ring target.
// - The samples are a quiet sine per voice: 64 voices sum below the limiter's ceiling.
//
// Threads: one thread (the benchmark's, between timed sections). Allocates on construction.
#pragma once

#include "engine/rt/FrameRing.hpp"
#include "engine/shm/Region.hpp"

#include <cstdint>
#include <vector>

namespace govox::bench {

class VoiceFeeder {
public:
    VoiceFeeder(shm::Region& region, std::uint32_t blockFrames);

    // Claims every slot, writes its first block, marks it ACTIVE, then fills each ring to
    // leadFrames (a multiple of the block). False if a slot was not FREE.
    bool start(std::uint32_t leadFrames);
    // Writes one block into every voice's ring. False if a ring had no room for it.
    bool feed();

    std::uint32_t voiceCount() const noexcept {
        return static_cast<std::uint32_t>(writers_.size());
    }

private:
    const float* blockOf(std::uint32_t voice) const noexcept;

    shm::Region& region_;
    std::uint32_t blockFrames_;
    std::vector<rt::FrameRingWriter> writers_;
    std::vector<float> blocks_; // one interleaved block per voice
};

} // namespace govox::bench
