// MixerRig.hpp - a Mixer with one or more regions attached, and block-by-block rendering
// into vectors, for tests that check what comes out.
#pragma once

#include "engine/rt/Mixer.hpp"
#include "engine/shm/Region.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace govox::test {

struct Rendered {
    std::vector<float> left;
    std::vector<float> right;
};

class MixerRig {
public:
    static constexpr std::uint32_t kRate = 48000;
    static constexpr std::uint32_t kBlock = 128;

    explicit MixerRig(std::uint32_t voices = 4, std::uint32_t ringFrames = 1024)
        : mixer_(rt::MixerConfig{.sampleRate = kRate, .maxBlockFrames = 256}) {
        addRegion(voices, ringFrames, 0);
    }

    // Creates a region and adds it to the mixer (fading in over fadeInFrames).
    shm::Region& addRegion(std::uint32_t voices, std::uint32_t ringFrames,
                           std::uint32_t fadeInFrames) {
        auto created = shm::Region::create({.voiceCount = voices,
                                            .ringCapacityFrames = ringFrames,
                                            .ringTargetFrames = ringFrames / 2,
                                            .sampleRate = kRate,
                                            .maxBlockFrames = 256});
        EXPECT_TRUE(created.region) << created.error;
        auto regionMixer = mixer_.makeRegionMixer(*created.region);
        ids_.push_back(regionMixer->id());
        regionMixers_.push_back(regionMixer.get());
        EXPECT_TRUE(mixer_.add(regionMixer, fadeInFrames));
        regions_.push_back(std::move(created.region));
        return *regions_.back();
    }

    Rendered render(std::uint32_t frames, std::uint32_t block = kBlock) {
        Rendered out{std::vector<float>(frames), std::vector<float>(frames)};
        for (std::uint32_t done = 0; done < frames; done += block) {
            const std::uint32_t n = std::min(block, frames - done);
            mixer_.process(out.left.data() + done, out.right.data() + done, n);
        }
        return out;
    }

    rt::Mixer& mixer() { return mixer_; }
    shm::Region& region(std::size_t i = 0) { return *regions_.at(i); }
    std::uint32_t regionId(std::size_t i = 0) const { return ids_.at(i); }
    // Valid until the region is removed and collected.
    const rt::RegionMixer& regionMixer(std::size_t i = 0) const { return *regionMixers_.at(i); }
    std::uint32_t fadeFrames() const { return mixer_.voiceFadeFrames(); }

private:
    std::vector<std::unique_ptr<shm::Region>> regions_; // outlive the mixer's use of them
    rt::Mixer mixer_;
    std::vector<std::uint32_t> ids_;
    std::vector<const rt::RegionMixer*> regionMixers_;
};

inline void append(Rendered& a, const Rendered& b) {
    a.left.insert(a.left.end(), b.left.begin(), b.left.end());
    a.right.insert(a.right.end(), b.right.begin(), b.right.end());
}

} // namespace govox::test
