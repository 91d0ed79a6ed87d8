#include "engine/rt/RegionMixer.hpp"
#include "engine/rt/RegionRing.hpp"

#include <algorithm>

namespace govox::rt {

RegionMixer::RegionMixer(shm::Region& region, std::uint32_t id, std::uint32_t maxBlockFrames,
                         std::uint32_t fadeFrames)
    : region_(region), id_(id), voiceCount_(region.voiceCount()),
      players_(std::make_unique<VoicePlayer[]>(region.voiceCount())),
      bus_(std::size_t{maxBlockFrames} * kChannels) {
    for (std::uint32_t v = 0; v < voiceCount_; ++v)
        players_[v].bind(region.voice(v), rt::regionRing(region, v), fadeFrames);
}

// Voices in the common case are added to the bus up to four in one pass (MixKernels.hpp);
// the rest mix themselves as beginMix meets them.
void RegionMixer::mix(std::uint32_t frames, std::uint64_t blockStart,
                      MixTally& tally) noexcept GOVOX_NONBLOCKING {
    float* bus = bus_.data();
    std::fill_n(bus, std::size_t{frames} * kChannels, 0.0f);
    MixSource sources[kMaxMixSources];
    std::uint32_t owners[kMaxMixSources];
    std::size_t pending = 0;
    const auto flush = [&]() noexcept GOVOX_NONBLOCKING {
        const unsigned bad = mixCheckedSources(sources, pending, bus, frames);
        for (std::size_t k = 0; k < pending; ++k)
            players_[owners[k]].finishSteady(sources[k], (bad >> k & 1u) == 0, frames, tally);
        pending = 0;
    };
    for (std::uint32_t v = 0; v < voiceCount_; ++v) {
        if (!players_[v].beginMix(bus, frames, blockStart, tally, sources[pending])) continue;
        owners[pending++] = v;
        if (pending == kMaxMixSources) flush();
    }
    if (pending > 0) flush();
}

} // namespace govox::rt
