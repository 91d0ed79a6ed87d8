// RegionRing.hpp - the frame ring of one voice slot of a shared region.
//
// The region (shm/) only lays the memory out; reading and writing its rings is the real-time
// code's business, so the view onto a slot's ring is made here, keeping includes pointing
// one way (rt -> shm).
//
// Threads: any, including the audio thread (pointer arithmetic only).
#pragma once

#include "engine/rt/FrameRing.hpp"
#include "engine/shm/Region.hpp"

namespace govox::rt {

inline FrameRingView regionRing(const shm::Region& region, std::uint32_t voice) noexcept {
    govox_voice_slot& slot = region.voice(voice);
    return {region.ringFrames(voice), region.ringCapacity(), &slot.write_index, &slot.read_index};
}

} // namespace govox::rt
