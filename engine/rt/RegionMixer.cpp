#include "engine/rt/RegionMixer.hpp"

#include <algorithm>

namespace govox::rt {

RegionMixer::RegionMixer(shm::Region& region, std::uint32_t id, std::uint32_t maxBlockFrames,
                         std::uint32_t fadeFrames)
    : region_(region), id_(id), voiceCount_(region.voiceCount()),
      players_(std::make_unique<VoicePlayer[]>(region.voiceCount())),
      bus_(std::size_t{maxBlockFrames} * kChannels) {
    for (std::uint32_t v = 0; v < voiceCount_; ++v)
        players_[v].bind(region.voice(v), region.ringView(v), fadeFrames);
}

void RegionMixer::mix(std::uint32_t frames, MixTally& tally) noexcept GOVOX_NONBLOCKING {
    std::fill_n(bus_.data(), std::size_t{frames} * kChannels, 0.0f);
    for (std::uint32_t v = 0; v < voiceCount_; ++v) players_[v].mix(bus_.data(), frames, tally);
}

} // namespace govox::rt
