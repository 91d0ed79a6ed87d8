// RegionMixer.hpp - mixes every voice of one attached region onto a stereo bus.
//
// One RegionMixer per voice host (per loaded build). It is made on a control thread
// (allocating its voice players and bus), handed to the audio thread through the Mixer's
// command queue, and handed back for deletion once it has been faded out. The Region it
// reads must outlive it.
//
// Threads: construct and destroy on a control thread; mix() on the audio thread only;
// voiceMeter() from any thread while the object is alive.
#pragma once

#include "engine/rt/RealtimeAttributes.hpp"
#include "engine/rt/VoicePlayer.hpp"
#include "engine/shm/Region.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace govox::rt {

class RegionMixer {
public:
    // fadeFrames: length of every underrun and stop fade of this region's voices.
    RegionMixer(shm::Region& region, std::uint32_t id, std::uint32_t maxBlockFrames,
                std::uint32_t fadeFrames);

    // Mixes `frames` (<= maxBlockFrames) frames of every voice into the bus, replacing
    // what was there; blockStart is the engine frame of the block's first frame. Audio
    // thread only.
    void mix(std::uint32_t frames, std::uint64_t blockStart,
             MixTally& tally) noexcept GOVOX_NONBLOCKING;

    // The mixed block, interleaved stereo.
    const float* bus() const noexcept { return bus_.data(); }
    std::uint32_t id() const noexcept { return id_; }
    std::uint32_t voiceCount() const noexcept { return voiceCount_; }
    shm::Region& region() const noexcept { return region_; }
    const VoiceMeter& voiceMeter(std::uint32_t voice) const noexcept {
        return players_[voice].meter();
    }

private:
    shm::Region& region_;
    std::uint32_t id_;
    std::uint32_t voiceCount_;
    std::unique_ptr<VoicePlayer[]> players_;
    std::vector<float> bus_;
};

} // namespace govox::rt
