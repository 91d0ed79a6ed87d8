// Note starts (govox_abi.h, "Note starts"): the mixer plays a new note's first frame at the
// engine frame its host wrote into start_frame - inside the block, in a later block, or at
// once when that frame has passed or is beyond belief. Checked on the audio that comes out.
#include "support/MixerRig.hpp"
#include "support/SlotDriver.hpp"

#include "engine/abi/SharedAtomic.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace govox::test;

// The first frame of `x` that is not silent; x.size() if none.
std::size_t firstSound(const std::vector<float>& x) {
    for (std::size_t i = 0; i < x.size(); ++i)
        if (std::fabs(x[i]) > 1e-6f) return i;
    return x.size();
}

// Starts a constant note of `level` that is to play from engine frame `start`.
void startAt(SlotDriver& v, std::uint64_t start, float level = 0.5f) {
    v.claim();
    govox::abi::storeRelease(v.slot().start_frame, start);
    v.writeConstant(512, level, level);
    v.setState(GOVOX_VOICE_ACTIVE);
}

TEST(NoteStart, ANoteStartsAtItsFrameInsideTheBlock) {
    for (std::uint64_t offset : {0u, 1u, 37u, 127u}) {
        MixerRig rig;
        rig.render(256); // the clock is at frame 256
        SlotDriver v(rig.region(), 0);
        startAt(v, 256 + offset);
        const Rendered out = rig.render(256);
        EXPECT_EQ(offset, firstSound(out.left)) << "start_frame 256 + " << offset;
        EXPECT_NEAR(0.5f, out.left[offset], 1e-6f) << "the note's first frame, whole";
        // Nothing of the ring is skipped: the note plays its frames in order from the first.
        EXPECT_EQ(256u - offset, v.readIndex());
        EXPECT_EQ(0u, rig.mixer().stats().lateStarts.load());
    }
}

TEST(NoteStart, ANoteWhoseFrameIsInALaterBlockWaitsForIt) {
    MixerRig rig;
    SlotDriver v(rig.region(), 0);
    startAt(v, 128 * 3 + 5);
    const Rendered out = rig.render(128 * 5);
    EXPECT_EQ(128u * 3 + 5, firstSound(out.left));
}

TEST(NoteStart, ALateNoteStartsAtOnceAndIsCounted) {
    MixerRig rig;
    rig.render(1024);
    SlotDriver v(rig.region(), 0);
    startAt(v, 900);
    const Rendered out = rig.render(128);
    EXPECT_EQ(0u, firstSound(out.left));
    EXPECT_EQ(1u, rig.mixer().stats().lateStarts.load());
}

TEST(NoteStart, AStartFrameBeyondARingAheadIsNotBelievedAndTheNotePlaysAtOnce) {
    MixerRig rig(4, 1024);
    SlotDriver v(rig.region(), 0);
    startAt(v, std::uint64_t{1} << 40); // a broken or hostile host
    const Rendered out = rig.render(128);
    EXPECT_EQ(0u, firstSound(out.left));
}

// Two notes in one block, each from its own frame: their sum steps up at each.
TEST(NoteStart, TwoNotesInOneBlockEachStartOnTheirOwnFrame) {
    MixerRig rig;
    SlotDriver a(rig.region(), 0), b(rig.region(), 1);
    startAt(a, 10, 0.25f);
    startAt(b, 90, 0.25f);
    const Rendered out = rig.render(128);
    EXPECT_NEAR(0.0f, out.left[9], 1e-6f);
    EXPECT_NEAR(0.25f, out.left[10], 1e-6f);
    EXPECT_NEAR(0.25f, out.left[89], 1e-6f);
    EXPECT_NEAR(0.5f, out.left[90], 1e-6f);
}

} // namespace
