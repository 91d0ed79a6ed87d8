// SlotDriver.hpp - plays the voice host's part of the slot protocol by hand, so that a
// test can put exactly the frames, states and indices it wants into a voice slot,
// including ones a correct host would never write.
#pragma once

#include "engine/abi/SharedAtomic.hpp"
#include "engine/rt/FrameRing.hpp"
#include "engine/rt/RegionRing.hpp"
#include "engine/shm/Region.hpp"

#include <cmath>
#include <cstdint>
#include <numbers>
#include <vector>

namespace govox::test {

class SlotDriver {
public:
    SlotDriver(shm::Region& region, std::uint32_t voice)
        : region_(region), slot_(region.voice(voice)),
          writer_(rt::regionRing(region, voice), abi::loadAcquire(slot_.write_index)) {}

    // FREE -> STARTING with the note's settings. Returns false if the slot was not FREE.
    bool claim(govox_priority priority = GOVOX_PRIORITY_HIGH, float gain = 1.0f, float pan = 0.0f) {
        if (!abi::compareExchange(slot_.state, std::uint32_t{GOVOX_VOICE_FREE},
                                  std::uint32_t{GOVOX_VOICE_STARTING}))
            return false;
        slot_.priority = priority;
        abi::storeFloatBits(slot_.gain_bits, gain);
        abi::storeFloatBits(slot_.pan_bits, pan);
        return true;
    }
    void setState(std::uint32_t state) { abi::storeRelease(slot_.state, state); }
    std::uint32_t state() const { return abi::loadAcquire(slot_.state); }
    void setGain(float gain) { abi::storeFloatBits(slot_.gain_bits, gain); }

    // Writes frames with left = f(n), right = g(n) for the voice's running frame n.
    template <class L, class R>
    std::uint32_t write(std::uint32_t frames, L left, R right) {
        std::vector<float> buf(std::size_t{frames} * 2);
        for (std::uint32_t i = 0; i < frames; ++i) {
            buf[2 * i] = static_cast<float>(left(produced_ + i));
            buf[2 * i + 1] = static_cast<float>(right(produced_ + i));
        }
        const std::uint32_t n = writer_.write(buf.data(), frames);
        produced_ += n;
        return n;
    }
    std::uint32_t writeConstant(std::uint32_t frames, float left, float right) {
        return write(
            frames, [=](std::uint64_t) { return left; }, [=](std::uint64_t) { return right; });
    }
    // A sine of `hz` at amplitude `amp` on both channels, continuing across calls.
    std::uint32_t writeSine(std::uint32_t frames, double hz, double amp) {
        const double w = 2.0 * std::numbers::pi * hz / region_.header().sample_rate;
        auto f = [=](std::uint64_t n) { return amp * std::sin(w * static_cast<double>(n)); };
        return write(frames, f, f);
    }
    // The usual start of a note: claim, first block, ACTIVE.
    void startSine(std::uint32_t frames, double hz, double amp,
                   govox_priority priority = GOVOX_PRIORITY_HIGH) {
        claim(priority);
        writeSine(frames, hz, amp);
        setState(GOVOX_VOICE_ACTIVE);
    }
    // Publishes a raw write index, as a broken or hostile host might.
    void forceWriteIndex(std::uint32_t index) { abi::storeRelease(slot_.write_index, index); }
    std::uint32_t readIndex() const { return abi::loadAcquire(slot_.read_index); }
    std::uint32_t writeIndex() const { return writer_.position(); }
    govox_voice_slot& slot() { return slot_; }

private:
    shm::Region& region_;
    govox_voice_slot& slot_;
    rt::FrameRingWriter writer_;
    std::uint64_t produced_ = 0;
};

} // namespace govox::test
