// Proof of the real-time rule: the mixer's whole audio path runs 10^5 callbacks with 64
// voices, underruns, stops, bad samples, corrupt indices and a crossfade between two
// regions under RealtimeSanitizer, which would abort on any allocation, lock or
// blocking call. A second test shows the sanitizer does catch one.
#include "engine/rt/Mixer.hpp"
#include "engine/rt/RealtimeAttributes.hpp"
#include "engine/shm/Region.hpp"
#include "engine/standin/ToneVoiceHost.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <vector>

namespace {

using namespace govox;

constexpr std::uint32_t kVoices = 64;
constexpr std::uint32_t kBlock = 128;
constexpr int kCallbacks = 100'000;

std::unique_ptr<shm::Region> makeRegion() {
    auto r = shm::Region::create({.voiceCount = kVoices,
                                  .ringCapacityFrames = 1024,
                                  .ringTargetFrames = 512,
                                  .sampleRate = 48000,
                                  .maxBlockFrames = kBlock});
    EXPECT_TRUE(r.region) << r.error;
    return std::move(r.region);
}

void startAll(standin::ToneVoiceHost& host) {
    for (std::uint32_t v = 0; v < kVoices; ++v) {
        standin::Tone t;
        t.frequency = 110.0 + 7.0 * v;
        t.amplitude = 0.02f;
        t.priority = v % 4 == 0 ? GOVOX_PRIORITY_LOW : GOVOX_PRIORITY_HIGH;
        t.pan = -1.0f + 2.0f * float(v) / float(kVoices);
        host.noteOn(v, t);
    }
}

TEST(RealtimeSafety, MixerRunsTenToTheFiveCallbacksWithoutAnUnsafeCall) {
    auto first = makeRegion();
    auto second = makeRegion();
    standin::ToneVoiceHost hostA(*first), hostB(*second);
    rt::Mixer mixer({.sampleRate = 48000, .maxBlockFrames = kBlock});
    auto regionA = mixer.makeRegionMixer(*first);
    const std::uint32_t idA = regionA->id();
    ASSERT_TRUE(mixer.add(regionA, 0));
    startAll(hostA);
    startAll(hostB);
    std::vector<float> left(kBlock), right(kBlock);
    bool crossfaded = false;
    for (int cb = 0; cb < kCallbacks; ++cb) {
        // The host side (not real-time) runs between callbacks; skipping it for 8 callbacks
        // starves every ring and makes underruns.
        // starves every ring now and then, which makes underruns.
        const bool starve = cb % 997 < 8;
        const bool inFade = cb >= kCallbacks / 2 && cb < kCallbacks / 2 + 20;
        if (!starve && (cb < kCallbacks / 2 || inFade)) hostA.fillOnce();
        if (!starve && cb >= kCallbacks / 2 - 1) hostB.fillOnce();
        if (cb % 5000 == 1000) { // notes end and start again: FINISHED -> FREE -> ACTIVE
            for (std::uint32_t v = 0; v < kVoices; v += 3) hostA.noteOff(v);
        }
        if (cb % 5000 == 3000) startAll(hostA);
        if (cb % 10000 == 500) first->voice(5).write_index += 5000; // corrupt index
        if (cb % 10000 == 700) {                                    // a NaN in a ring
            float* f = first->ringFrames(7);
            f[(first->voice(7).read_index * 2 + 64) % 2048] = NAN;
        }
        if (cb == kCallbacks / 2) {
            auto regionB = mixer.makeRegionMixer(*second);
            ASSERT_TRUE(mixer.crossfade(idA, regionB, 1440));
            crossfaded = true;
        }
        mixer.process(left.data(), right.data(), kBlock);
    }
    const rt::MixerStats& s = mixer.stats();
    EXPECT_TRUE(crossfaded);
    EXPECT_EQ(std::uint64_t{kCallbacks}, s.callbacks.load());
    EXPECT_GT(s.underruns.load(), 0u);
    EXPECT_GT(s.corruptions.load(), 0u);
    EXPECT_GT(s.nonfiniteBlocks.load(), 0u);
    EXPECT_EQ(1u, s.regions.load());
    EXPECT_EQ(1u, mixer.collectRetired().size());
}

// If the sanitizer were not active, a deliberate allocation in a nonblocking function
// would pass silently and the test above would prove nothing.
void allocatesInRealtimeContext() noexcept GOVOX_NONBLOCKING {
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wfunction-effects"
    auto* leak = new std::vector<float>(1024);
#pragma clang diagnostic pop
    (*leak)[0] = 1.0f;
}

TEST(RealtimeSafetyDeathTest, SanitizerCatchesAnAllocationInANonblockingFunction) {
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_DEATH(allocatesInRealtimeContext(), "RealtimeSanitizer: unsafe-library-call");
}

} // namespace
