// The engine's half of the rewrite handshake (govox_abi.h, "Rewrites"): while a host
// rewrites frames it wrote before (rollback), the voice player reads no further than the
// host's cursor, plays the new frames once they are final, and treats a host that breaks
// the handshake like one that publishes impossible indices: the note is faded and counted.
#include "engine/abi/SharedAtomic.hpp"
#include "engine/rt/RewriteGate.hpp"
#include "engine/rt/VoicePlayer.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace {

namespace abi = govox::abi;
namespace rt = govox::rt;

constexpr std::uint32_t kCapacity = 1024, kBlock = 128;

// A slot and its ring on the heap, a note playing, the host's side done by hand.
struct Rig {
    std::unique_ptr<govox_voice_slot> slot = std::make_unique<govox_voice_slot>();
    std::vector<float> ring = std::vector<float>(kCapacity * rt::kChannels, 0.0f);
    std::vector<float> bus = std::vector<float>(kBlock * rt::kChannels, 0.0f);
    rt::VoicePlayer player;
    rt::MixTally tally;

    Rig() {
        player.bind(*slot, {ring.data(), kCapacity, &slot->write_index, &slot->read_index}, 16);
        abi::storeFloatBits(slot->gain_bits, 1.0f);
        abi::storeRelease(slot->priority, std::uint32_t{GOVOX_PRIORITY_HIGH});
        write(0, 512, 0.25f);
        abi::storeRelease(slot->write_index, 512u);
        abi::storeRelease(slot->state, std::uint32_t{GOVOX_VOICE_ACTIVE});
    }
    void write(std::uint32_t from, std::uint32_t to, float value) {
        for (std::uint32_t i = from; i < to; ++i)
            ring[2 * (i % kCapacity)] = ring[2 * (i % kCapacity) + 1] = value;
    }
    void open(std::uint32_t from) {
        abi::storeRelease(slot->rewrite_from, from);
        abi::storeRelease(slot->rewrite_cursor, from);
        abi::storeSeqCst(slot->rewrite_seq, slot->rewrite_seq + 1u);
    }
    void close() { abi::storeSeqCst(slot->rewrite_seq, slot->rewrite_seq + 1u); }
    void mix() {
        std::fill(bus.begin(), bus.end(), 0.0f);
        player.mix(bus.data(), kBlock, tally);
    }
    std::uint32_t read() const { return abi::loadAcquire(slot->read_index); }
};

TEST(RewriteGate, TheEngineClaimsEachBlockBeforeItReadsIt) {
    Rig rig;
    abi::storeRelease(rig.slot->write_index, 100u); // less than a block: the claim is the block
    rig.mix();
    EXPECT_EQ(100u, rig.read());
    EXPECT_EQ(kBlock, abi::loadAcquire(rig.slot->read_claim));
    abi::storeRelease(rig.slot->write_index, 512u);
    rig.mix();
    EXPECT_EQ(100u + kBlock, rig.read());
    EXPECT_EQ(100u + kBlock, abi::loadAcquire(rig.slot->read_claim));
}

TEST(RewriteGate, WhileARewriteIsOpenNothingPastItsCursorIsPlayedThenTheNewFramesAre) {
    Rig rig;
    rig.mix(); // frames 0..127 played
    rig.open(200);
    rig.write(200, 260, 0.5f);
    abi::storeRelease(rig.slot->rewrite_cursor, 260u); // 200..259 final, the rest is not
    rig.write(260, 512, 99.0f);                        // half-written: must not be heard
    rig.mix();                                         // 128..255: all before the cursor
    EXPECT_EQ(256u, rig.read());
    EXPECT_FLOAT_EQ(0.25f, rig.bus[2 * 71]); // frame 199
    EXPECT_FLOAT_EQ(0.5f, rig.bus[2 * 72]);  // frame 200, rewritten
    rig.mix();                               // 256..383, but the cursor is at 260
    EXPECT_EQ(260u, rig.read()) << "read past the rewrite cursor";
    for (float x : rig.bus) EXPECT_LT(x, 1.0f) << "a half-rewritten frame was played";
    EXPECT_EQ(0u, rig.tally.corruptions);
    rig.write(260, 512, 0.5f);
    rig.close();
    rig.mix();
    EXPECT_EQ(260u + kBlock, rig.read());
    EXPECT_EQ(0u, rig.tally.corruptions);
    EXPECT_EQ(std::uint32_t{GOVOX_VOICE_ACTIVE}, abi::loadAcquire(rig.slot->state));
}

TEST(RewriteGate, ACursorBehindTheReadIndexStopsTheNote) {
    Rig rig;
    rig.mix();
    rig.mix();     // read 256
    rig.open(100); // behind what the engine has played: a lie
    rig.mix();
    EXPECT_EQ(1u, rig.tally.corruptions);
    EXPECT_EQ(1u, abi::loadAcquire(rig.slot->corruptions));
    EXPECT_EQ(std::uint32_t{GOVOX_VOICE_STOP_REQUESTED}, abi::loadAcquire(rig.slot->state));
}

TEST(RewriteGate, ACounterThatGoesBackStopsTheNote) {
    Rig rig;
    rig.open(300);
    rig.close(); // counter 2
    rig.mix();
    abi::storeRelease(rig.slot->rewrite_seq, 0u);
    rig.mix();
    EXPECT_EQ(1u, rig.tally.corruptions);
    EXPECT_EQ(std::uint32_t{GOVOX_VOICE_STOP_REQUESTED}, abi::loadAcquire(rig.slot->state));
}

// A rewrite begun while the engine reads must start at or after the claim; one that
// starts inside it may have changed frames under the reader.
TEST(RewriteGate, ARewriteBegunInsideTheClaimedBlockIsCaught) {
    auto slot = std::make_unique<govox_voice_slot>();
    rt::RewriteGate gate;
    gate.begin(*slot);
    bool corrupt = false;
    EXPECT_EQ(400u, gate.claim(*slot, 1000, kBlock, 400, corrupt)); // all there is: none rewritten
    EXPECT_FALSE(corrupt);
    abi::storeRelease(slot->rewrite_from, 1000u + kBlock); // right at the claim: allowed
    abi::storeRelease(slot->rewrite_cursor, 1000u + kBlock);
    abi::storeSeqCst(slot->rewrite_seq, 1u);
    EXPECT_TRUE(gate.verify(*slot, 1000 + kBlock));
    abi::storeSeqCst(slot->rewrite_seq, 2u);

    EXPECT_EQ(400u, gate.claim(*slot, 1128, kBlock, 400, corrupt));
    abi::storeRelease(slot->rewrite_from, 1200u); // inside [1128, 1256)
    abi::storeSeqCst(slot->rewrite_seq, 3u);
    EXPECT_FALSE(gate.verify(*slot, 1128 + kBlock));
}

// The same through the player: a whole rewrite opened and closed between the claim and
// the end of the read is seen by the counter having moved.
TEST(RewriteGate, ARewriteThatEndedWhileTheEngineWaitedIsFine) {
    auto slot = std::make_unique<govox_voice_slot>();
    rt::RewriteGate gate;
    gate.begin(*slot);
    bool corrupt = false;
    abi::storeRelease(slot->rewrite_from, 500u);
    abi::storeRelease(slot->rewrite_cursor, 600u);
    abi::storeSeqCst(slot->rewrite_seq, 1u);
    EXPECT_EQ(72u, gate.claim(*slot, 528, kBlock, 400, corrupt)); // up to the cursor
    EXPECT_FALSE(corrupt);
    abi::storeSeqCst(slot->rewrite_seq, 2u); // closed: what was read before the cursor stands
    EXPECT_TRUE(gate.verify(*slot, 600));
}

} // namespace
