#include "engine/rt/FrameClock.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace govox::rt {

std::uint64_t scheduleFrame(const ClockPoint& last, std::uint32_t sampleRate,
                            const EventTime& at) noexcept {
    const std::uint64_t nextBlock = last.frame + last.frames;
    if (sampleRate == 0 || last.frames == 0) return nextBlock;
    const double framesPerNs = sampleRate / 1e9;
    const double sinceLast = static_cast<double>(static_cast<std::int64_t>(at.ns - last.ns));
    double happened; // engine frame at which the event happened
    if (at.cycleFrames == last.frames) {
        const double period = last.frames / framesPerNs;
        double cycles = std::round(sinceLast / period);
        // JACK's own count of the cycles between them, when both are JACK's and it can be
        // believed: whole cycles apart (after an xrun the dummy driver's frame time may jump
        // by any amount) and within one of the count by time (another server's frames).
        const auto jackApart = static_cast<std::int32_t>(at.jackFrame - last.jackFrame);
        const auto period32 = static_cast<std::int32_t>(last.frames);
        if (at.jackFrameKnown && last.jackFrameKnown && jackApart % period32 == 0 &&
            std::abs(double(jackApart / period32) - cycles) <= 1.0)
            cycles = double(jackApart / period32);
        happened = static_cast<double>(last.frame) + cycles * last.frames + at.cycleOffset;
    } else {
        happened =
            static_cast<double>(last.frame) + std::round(sinceLast * framesPerNs) + at.cycleOffset;
    }
    // An event cannot take effect in a block already played, and one stamped long after
    // the last callback (the stream stalled) is not put off further than an event of the
    // cycle after it would be.
    const double target = happened + last.frames;
    const std::uint64_t latest = nextBlock + 2 * std::uint64_t{last.frames} - 1;
    if (target <= static_cast<double>(nextBlock)) return nextBlock;
    if (target >= static_cast<double>(latest)) return latest;
    return static_cast<std::uint64_t>(target);
}

} // namespace govox::rt
