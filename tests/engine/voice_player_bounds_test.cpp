// Whatever indices a voice host publishes, the voice player reads only inside its ring.
// The ring here is ordinary heap memory so that the AddressSanitizer build (whose
// redzones surround heap blocks, unlike a shared mapping) would catch a single frame read
// past either end.
#include "engine/abi/SharedAtomic.hpp"
#include "engine/rt/VoicePlayer.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <vector>

namespace {

namespace abi = govox::abi;
namespace rt = govox::rt;

TEST(VoicePlayerBounds, CorruptIndicesNeverReadOutsideTheRing) {
    constexpr std::uint32_t kCapacity = 64;
    auto slot = std::make_unique<govox_voice_slot>();
    std::vector<float> frames(kCapacity * rt::kChannels, 0.25f);
    rt::VoicePlayer player;
    player.bind(*slot, {frames.data(), kCapacity, &slot->write_index, &slot->read_index}, 16);
    abi::storeFloatBits(slot->gain_bits, 1.0f);
    std::vector<float> bus(2 * 256);
    rt::MixTally tally;
    std::uint32_t corrupt = 0;
    for (std::uint32_t delta :
         {1u, 63u, 64u, 65u, 100u, 4096u, 0x7fffffffu, 0x80000000u, 0xfffffff0u, 0xffffffffu}) {
        // Start a note whose host claims `delta` frames beyond the engine's read index.
        abi::storeRelease(slot->write_index, slot->read_index + delta);
        abi::storeRelease(slot->state, std::uint32_t{GOVOX_VOICE_ACTIVE});
        for (int block = 0; block < 3; ++block) player.mix(bus.data(), 256, tally);
        for (float x : bus) ASSERT_TRUE(std::isfinite(x));
        if (delta > kCapacity) ++corrupt;
        EXPECT_EQ(corrupt, tally.corruptions) << "delta " << delta;
        // End the note the way a host does, whichever way the engine left it.
        abi::storeRelease(slot->state, std::uint32_t{GOVOX_VOICE_FINISHED});
        player.mix(bus.data(), 256, tally);
        player.mix(bus.data(), 256, tally);
        ASSERT_EQ(std::uint32_t{GOVOX_VOICE_FREE}, abi::loadAcquire(slot->state));
        ASSERT_EQ(slot->write_index, slot->read_index);
    }
}

} // namespace
