// The mixer: sums and pan law, gain ramps, the underrun policy, the end of a voice,
// region fades and crossfades, the limiter, and any block size. Every check is on the
// audio that comes out.
#include "support/AudioChecks.hpp"
#include "support/MixerRig.hpp"
#include "support/SlotDriver.hpp"

#include "engine/rt/PanLaw.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace govox::test;
using govox::rt::VoiceDisplayState;

// A 440 Hz sine at amplitude 0.5 moves by at most 0.029 per frame; a click is a jump
// well beyond that.
constexpr float kClickThreshold = 0.04f;

TEST(Mixer, SumsVoicesAtUnityGainWhenCentred) {
    MixerRig rig;
    SlotDriver a(rig.region(), 0), b(rig.region(), 1);
    a.claim();
    a.writeConstant(512, 0.25f, -0.125f);
    a.setState(GOVOX_VOICE_ACTIVE);
    b.claim();
    b.writeConstant(512, 0.125f, 0.5f);
    b.setState(GOVOX_VOICE_ACTIVE);
    const Rendered out = rig.render(256);
    for (std::size_t i = 0; i < 256; ++i) {
        ASSERT_NEAR(0.375f, out.left[i], 1e-6f) << i;
        ASSERT_NEAR(0.375f, out.right[i], 1e-6f) << i;
    }
    EXPECT_EQ(2u, rig.mixer().stats().soundingVoices.load());
}

TEST(Mixer, PanIsEqualPowerAndHardPanSilencesTheOtherSide) {
    for (float pan : {-1.0f, -0.5f, 0.0f, 0.3f, 1.0f}) {
        const auto g = govox::rt::equalPowerPan(1.0f, pan);
        EXPECT_NEAR(2.0f, g.left * g.left + g.right * g.right, 1e-5f) << pan;
    }
    MixerRig rig;
    SlotDriver v(rig.region(), 0);
    v.claim(GOVOX_PRIORITY_HIGH, 1.0f, -1.0f);
    v.writeConstant(512, 0.5f, 0.5f);
    v.setState(GOVOX_VOICE_ACTIVE);
    const Rendered out = rig.render(128);
    EXPECT_NEAR(0.5f * std::sqrt(2.0f), out.left[64], 1e-5f);
    EXPECT_NEAR(0.0f, out.right[64], 1e-6f);
}

TEST(Mixer, GainChangesAreRampedWithoutZipperSteps) {
    MixerRig rig;
    SlotDriver v(rig.region(), 0);
    v.claim(GOVOX_PRIORITY_HIGH, 0.0f);
    v.writeConstant(1024, 0.9f, 0.9f);
    v.setState(GOVOX_VOICE_ACTIVE);
    Rendered out = rig.render(128);
    EXPECT_EQ(0.0f, peak(out.left));
    v.setGain(1.0f);
    append(out, rig.render(512));
    EXPECT_NEAR(0.9f, out.left.back(), 1e-5f);
    EXPECT_LE(maxStep(out.left), 0.9f / static_cast<float>(rig.fadeFrames()) + 1e-5f);
}

TEST(Mixer, HighPriorityUnderrunFadesTheGapCountsOnceAndFadesBackIn) {
    MixerRig rig;
    SlotDriver v(rig.region(), 0);
    v.startSine(200, 440.0, 0.5); // 1.56 blocks, then the ring runs dry
    Rendered out = rig.render(128 * 6);
    const auto& meter = rig.mixer().stats();
    EXPECT_EQ(1u, meter.underruns.load()); // one episode, however many dry blocks
    EXPECT_EQ(1u, v.slot().underruns);
    EXPECT_EQ(GOVOX_VOICE_ACTIVE, v.state()); // a high-priority voice keeps its slot
    EXPECT_LE(maxStep(out.left), kClickThreshold);
    EXPECT_EQ(0.0f, peak(out.left, 200 + rig.fadeFrames())); // faded to silence
    v.writeSine(2048, 440.0, 0.5);                           // the host catches up
    append(out, rig.render(128 * 8));
    EXPECT_LE(maxStep(out.left), kClickThreshold);
    EXPECT_GT(peak(out.left, out.left.size() - 256), 0.45f);
    EXPECT_EQ(1u, meter.underruns.load());
}

TEST(Mixer, LowPriorityUnderrunStopsTheVoiceWithAFade) {
    MixerRig rig;
    SlotDriver v(rig.region(), 0);
    v.startSine(200, 440.0, 0.5, GOVOX_PRIORITY_LOW);
    const Rendered out = rig.render(128 * 4);
    EXPECT_EQ(GOVOX_VOICE_STOP_REQUESTED, v.state());
    EXPECT_EQ(1u, v.slot().underruns);
    EXPECT_LE(maxStep(out.left), kClickThreshold);
    EXPECT_EQ(0.0f, peak(out.left, 200 + rig.fadeFrames()));
    v.writeSine(512, 440.0, 0.5);     // a late block is not played
    v.setState(GOVOX_VOICE_FINISHED); // the host acknowledges
    const Rendered after = rig.render(256);
    EXPECT_EQ(0.0f, peak(after.left));
    EXPECT_EQ(GOVOX_VOICE_FREE, v.state());
    EXPECT_EQ(v.writeIndex(), v.readIndex()); // a free slot's ring is empty
}

// A released note is let go at an underrun whatever its priority: the held notes keep
// their slots.
TEST(Mixer, AReleasedHighPriorityNoteIsStoppedAtAnUnderrun) {
    MixerRig rig;
    SlotDriver held(rig.region(), 0), released(rig.region(), 1);
    held.startSine(200, 440.0, 0.25);
    released.startSine(200, 660.0, 0.25);
    released.setState(GOVOX_VOICE_RELEASING);
    const Rendered out = rig.render(128 * 4);
    EXPECT_EQ(GOVOX_VOICE_ACTIVE, held.state());
    EXPECT_EQ(GOVOX_VOICE_STOP_REQUESTED, released.state());
    EXPECT_LE(maxStep(out.left), kClickThreshold);
}

// The priority is read when the ring runs dry: a host may change it while a note sounds.
TEST(Mixer, APriorityChangedWhileTheNoteSoundsDecidesItsUnderrun) {
    MixerRig rig;
    SlotDriver v(rig.region(), 0);
    v.startSine(200, 440.0, 0.5, GOVOX_PRIORITY_LOW);
    govox::abi::storeRelease(v.slot().priority, std::uint32_t{GOVOX_PRIORITY_HIGH});
    rig.render(128 * 4);
    EXPECT_EQ(GOVOX_VOICE_ACTIVE, v.state()) << "raised to high: kept";
    v.writeSine(512, 440.0, 0.5);
    rig.render(128 * 2);
    govox::abi::storeRelease(v.slot().priority, std::uint32_t{GOVOX_PRIORITY_LOW});
    rig.render(128 * 6);
    EXPECT_EQ(GOVOX_VOICE_STOP_REQUESTED, v.state()) << "lowered again: stopped";
}

TEST(Mixer, FinishedVoicePlaysToItsEndAndFreesTheSlotWithoutAnUnderrun) {
    MixerRig rig;
    SlotDriver v(rig.region(), 0);
    v.startSine(300, 440.0, 0.5);
    v.setState(GOVOX_VOICE_FINISHED);
    const Rendered out = rig.render(128 * 4);
    EXPECT_EQ(GOVOX_VOICE_FREE, v.state());
    EXPECT_EQ(0u, rig.mixer().stats().underruns.load());
    EXPECT_GT(peak(out.left, 0, 300), 0.45f);
    EXPECT_LE(maxStep(out.left), kClickThreshold); // cut mid-wave, still no click
    // The slot can start a new note straight away.
    EXPECT_TRUE(v.claim());
}

TEST(Mixer, NonFiniteSamplesSilenceTheVoiceAndAreCounted) {
    MixerRig rig(4, 4096);
    SlotDriver v(rig.region(), 0), other(rig.region(), 1);
    other.startSine(4096, 220.0, 0.25);
    v.claim();
    v.write(
        512, [](std::uint64_t n) { return n == 300 ? NAN : 0.5 * std::sin(double(n) * 0.05); },
        [](std::uint64_t n) { return n == 301 ? INFINITY : 0.5 * std::sin(double(n) * 0.05); });
    v.setState(GOVOX_VOICE_ACTIVE);
    const Rendered out = rig.render(128 * 24);
    EXPECT_TRUE(allFinite(out.left));
    EXPECT_TRUE(allFinite(out.right));
    EXPECT_EQ(1u, rig.mixer().stats().nonfiniteBlocks.load());
    EXPECT_EQ(1u, v.slot().nonfinite_blocks);
    EXPECT_EQ(GOVOX_VOICE_STOP_REQUESTED, v.state());
    EXPECT_LE(maxStep(out.left), kClickThreshold);
    // The other voice goes on: its 220 Hz is all that is left.
    EXPECT_NEAR(220.0, zeroCrossingHz(out.left, MixerRig::kRate, 300 + rig.fadeFrames()), 2.0);
}

struct Corruption {
    const char* name;
    void (*apply)(SlotDriver&);
};

class MixerCorruptIndices : public ::testing::TestWithParam<Corruption> {};

// A broken or hostile host can silence its own voice, nothing more: no read out of
// bounds (the AddressSanitizer build runs this), no stall, other voices unharmed.
TEST_P(MixerCorruptIndices, SilenceOnlyThatVoice) {
    MixerRig rig(4, 256);
    SlotDriver bad(rig.region(), 0), good(rig.region(), 1);
    good.startSine(256, 330.0, 0.25);
    bad.startSine(128, 440.0, 0.5);
    Rendered out = rig.render(128);
    GetParam().apply(bad);
    append(out, rig.render(128 * 4));
    EXPECT_TRUE(allFinite(out.left));
    EXPECT_GE(rig.mixer().stats().corruptions.load(), 1u) << GetParam().name;
    EXPECT_LE(maxStep(out.left), kClickThreshold);
    EXPECT_LE(peak(out.left, 128 + rig.fadeFrames(), 256), 0.26f); // only the good voice
    EXPECT_EQ(0.0f, peak(out.left, 256 + rig.fadeFrames()));       // good one ran dry, faded
}

INSTANTIATE_TEST_SUITE_P(
    Mixer, MixerCorruptIndices,
    ::testing::Values(
        Corruption{"WriteIndexPastCapacity",
                   [](SlotDriver& d) { d.forceWriteIndex(d.readIndex() + 256 + 1); }},
        Corruption{"ReadAheadOfWrite", [](SlotDriver& d) { d.forceWriteIndex(d.readIndex() - 5); }},
        Corruption{"AbsurdWriteIndex", [](SlotDriver& d) { d.forceWriteIndex(0x7fffffffu); }},
        Corruption{"AbsurdState", [](SlotDriver& d) { d.setState(0xdeadbeefu); }},
        Corruption{"StateSetBackToFree", [](SlotDriver& d) { d.setState(GOVOX_VOICE_FREE); }}),
    [](const auto& p) { return std::string(p.param.name); });

TEST(Mixer, AbsurdGainAndPanAreClamped) {
    MixerRig rig;
    SlotDriver v(rig.region(), 0);
    v.claim(GOVOX_PRIORITY_HIGH, NAN, NAN);
    v.writeConstant(1024, 0.1f, 0.1f);
    v.setState(GOVOX_VOICE_ACTIVE);
    Rendered out = rig.render(128);
    EXPECT_EQ(0.0f, peak(out.left)); // NaN gain is silence
    v.setGain(1e30f);
    append(out, rig.render(512));
    EXPECT_TRUE(allFinite(out.left));
    EXPECT_NEAR(0.1f * govox::rt::kMaxVoiceGain, out.left.back(), 1e-5f);
}

TEST(Mixer, SafetyLimiterKeepsManyLoudVoicesUnderTheCeiling) {
    MixerRig rig(64, 1024);
    std::vector<SlotDriver> voices;
    for (std::uint32_t i = 0; i < 64; ++i) {
        SlotDriver d(rig.region(), i);
        d.claim(GOVOX_PRIORITY_HIGH, 4.0f);
        d.writeSine(1024, 100.0 + i, 1.0);
        d.setState(GOVOX_VOICE_ACTIVE);
    }
    const Rendered out = rig.render(1024);
    EXPECT_LE(peak(out.left), 0.98f);
    EXPECT_LE(peak(out.right), 0.98f);
    EXPECT_LT(rig.mixer().stats().limiterGain.load(), 0.1f);
}

TEST(Mixer, HugeFiniteSamplesThatSumToInfinityNeverReachTheOutputAsNaN) {
    MixerRig rig;
    SlotDriver a(rig.region(), 0), b(rig.region(), 1);
    for (SlotDriver* d : {&a, &b}) {
        d->claim();
        d->writeConstant(512, 3e38f, -3e38f);
        d->setState(GOVOX_VOICE_ACTIVE);
    }
    const Rendered out = rig.render(256);
    EXPECT_TRUE(allFinite(out.left));
    EXPECT_TRUE(allFinite(out.right));
    EXPECT_LE(peak(out.left), 0.98f);
}

TEST(Mixer, LimiterLetsGoAfterALoudPassage) {
    MixerRig rig;
    SlotDriver v(rig.region(), 0);
    v.claim(GOVOX_PRIORITY_HIGH, 4.0f);
    v.writeConstant(256, 1.0f, 1.0f); // four times full scale
    v.setState(GOVOX_VOICE_ACTIVE);
    rig.render(256);
    EXPECT_LT(rig.mixer().stats().limiterGain.load(), 0.3f);
    v.setGain(0.25f);
    v.writeConstant(1024 - 256, 1.0f, 1.0f);
    const Rendered quiet = rig.render(48000 / 2, 128); // half a second, partly dry
    EXPECT_EQ(1.0f, rig.mixer().stats().limiterGain.load()) << "the limiter never recovered";
    (void)quiet;
}

TEST(Mixer, AcceptsBlocksLargerThanItsMaximumAndOddSizes) {
    MixerRig rig(2, 4096);
    SlotDriver v(rig.region(), 0);
    v.startSine(4000, 440.0, 0.5);
    Rendered out = rig.render(1000, 1000); // 256-frame sub-blocks inside
    append(out, rig.render(479 * 4, 479));
    EXPECT_LE(maxStep(out.left, 1), kClickThreshold);
    EXPECT_NEAR(440.0, zeroCrossingHz(out.left, MixerRig::kRate, 0, 2900), 0.5);
    EXPECT_EQ(2916u, rig.mixer().stats().engineFrame.load());
    EXPECT_EQ(2916u, rig.region().header().engine_frame);
}

TEST(Mixer, CrossfadeBetweenRegionsIsEqualPowerAndRetiresTheOldOne) {
    MixerRig rig(2, 8192);
    SlotDriver oldVoice(rig.region(0), 0);
    oldVoice.claim();
    oldVoice.writeConstant(8192, 0.5f, 0.5f);
    oldVoice.setState(GOVOX_VOICE_ACTIVE);
    Rendered out = rig.render(256);

    auto created = govox::shm::Region::create({.voiceCount = 2, .ringCapacityFrames = 8192});
    ASSERT_TRUE(created.region);
    SlotDriver newVoice(*created.region, 0);
    newVoice.claim();
    newVoice.writeConstant(8192, 0.5f, 0.5f);
    newVoice.setState(GOVOX_VOICE_ACTIVE);
    auto next = rig.mixer().makeRegionMixer(*created.region);
    constexpr std::uint32_t kFade = 1440; // 30 ms
    ASSERT_TRUE(rig.mixer().crossfade(rig.regionId(0), next, kFade));
    append(out, rig.render(2048));

    // Two equal signals under sin/cos gains: 0.5 (sin + cos), which is 0.5 sqrt(2) midway.
    EXPECT_NEAR(0.5f, out.left[255], 1e-5f);
    EXPECT_NEAR(0.5f * std::sqrt(2.0f), out.left[256 + kFade / 2], 0.01f);
    EXPECT_NEAR(0.5f, out.left.back(), 1e-5f);
    EXPECT_LE(maxStep(out.left), 0.5f * 1.5708f / kFade * 1.5f); // smooth all the way
    auto retired = rig.mixer().collectRetired();
    ASSERT_EQ(1u, retired.size());
    EXPECT_EQ(rig.regionId(0), retired[0]->id());
    EXPECT_EQ(1u, rig.mixer().stats().regions.load());
}

TEST(Mixer, RemovedRegionFadesOutThenComesBackForDeletion) {
    MixerRig rig(1, 4096);
    SlotDriver v(rig.region(), 0);
    v.claim();
    v.writeConstant(4096, 0.5f, 0.5f);
    v.setState(GOVOX_VOICE_ACTIVE);
    Rendered out = rig.render(256);
    ASSERT_TRUE(rig.mixer().remove(rig.regionId(), 480));
    append(out, rig.render(1024));
    EXPECT_LE(maxStep(out.left), 0.5f * 1.5708f / 480 * 1.5f);
    EXPECT_EQ(0.0f, peak(out.left, 256 + 480));
    EXPECT_EQ(1u, rig.mixer().collectRetired().size());
    EXPECT_EQ(0u, rig.mixer().stats().regions.load());
}

TEST(Mixer, VoiceMetersShowFillStateAndUnderruns) {
    MixerRig rig;
    SlotDriver v(rig.region(), 0);
    v.startSine(600, 440.0, 0.5);
    rig.render(128);
    const govox::rt::VoiceMeter& meter = rig.regionMixer().voiceMeter(0);
    EXPECT_EQ(600u - 128u, meter.fillFrames.load());
    EXPECT_EQ(VoiceDisplayState::Active, VoiceDisplayState(meter.state.load()));
    EXPECT_EQ(VoiceDisplayState::Free,
              VoiceDisplayState(rig.regionMixer().voiceMeter(1).state.load()));
    rig.render(128 * 4);
    EXPECT_EQ(0u, meter.fillFrames.load());
    EXPECT_EQ(VoiceDisplayState::Underrun, VoiceDisplayState(meter.state.load()));
    EXPECT_EQ(1u, meter.underruns.load());
    v.setState(GOVOX_VOICE_RELEASING);
    v.writeSine(512, 440.0, 0.5);
    rig.render(128);
    EXPECT_EQ(VoiceDisplayState::Releasing, VoiceDisplayState(meter.state.load()));
}

} // namespace
