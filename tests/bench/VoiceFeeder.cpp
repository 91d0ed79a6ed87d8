#include "tests/bench/VoiceFeeder.hpp"

#include "engine/abi/SharedAtomic.hpp"
#include "engine/rt/RegionRing.hpp"

#include <cmath>
#include <numbers>

namespace govox::bench {

VoiceFeeder::VoiceFeeder(shm::Region& region, std::uint32_t blockFrames)
    : region_(region), blockFrames_(blockFrames),
      blocks_(std::size_t{region.voiceCount()} * blockFrames * rt::kChannels) {
    const auto voices = region.voiceCount();
    writers_.reserve(voices);
    for (std::uint32_t v = 0; v < voices; ++v) {
        writers_.emplace_back(rt::regionRing(region, v),
                              abi::loadAcquire(region.voice(v).write_index));
        // A whole number of cycles per block, a different pitch per voice.
        const double step = 2.0 * std::numbers::pi * (1 + v % 16) / blockFrames;
        const float amplitude = 0.9f / static_cast<float>(voices);
        float* block = blocks_.data() + std::size_t{v} * blockFrames * rt::kChannels;
        for (std::uint32_t i = 0; i < blockFrames; ++i) {
            const float s = amplitude * static_cast<float>(std::sin(step * i));
            block[2 * i] = s;
            block[2 * i + 1] = -s;
        }
    }
}

bool VoiceFeeder::start(std::uint32_t leadFrames) {
    for (std::uint32_t v = 0; v < voiceCount(); ++v) {
        govox_voice_slot& slot = region_.voice(v);
        if (!abi::compareExchange(slot.state, std::uint32_t{GOVOX_VOICE_FREE},
                                  std::uint32_t{GOVOX_VOICE_STARTING}))
            return false;
        slot.priority = GOVOX_PRIORITY_HIGH;
        slot.note = 60;
        slot.velocity = 100;
        slot.channel = 0;
        abi::storeFloatBits(slot.gain_bits, 1.0f);
        abi::storeFloatBits(slot.pan_bits, 0.0f);
        if (writers_[v].write(blockOf(v), blockFrames_) != blockFrames_) return false;
        abi::compareExchange(slot.state, std::uint32_t{GOVOX_VOICE_STARTING},
                             std::uint32_t{GOVOX_VOICE_ACTIVE});
    }
    for (std::uint32_t filled = blockFrames_; filled < leadFrames; filled += blockFrames_)
        if (!feed()) return false;
    return true;
}

bool VoiceFeeder::feed() {
    bool ok = true;
    for (std::uint32_t v = 0; v < voiceCount(); ++v)
        ok &= writers_[v].write(blockOf(v), blockFrames_) == blockFrames_;
    return ok;
}

const float* VoiceFeeder::blockOf(std::uint32_t voice) const noexcept {
    return blocks_.data() + std::size_t{voice} * blockFrames_ * rt::kChannels;
}

} // namespace govox::bench
