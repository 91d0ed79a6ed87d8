// SyntheticStudio.hpp - made-up StudioSnapshots for the meter and plot tests: a plausible
// session (notes coming and going, ring fill wobbling around the target, Go GC pauses, the
// callback load) on a 30 Hz clock, deterministic, with underruns and xruns on demand.
#pragma once

#include "ui/studio/StudioSnapshot.hpp"

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <random>
#include <vector>

namespace govox::ui::test {

class SyntheticStudio {
public:
    static constexpr std::uint32_t kRate = 48000;
    static constexpr std::uint32_t kTarget = 1024; // 21.3 ms
    static constexpr std::uint32_t kCapacity = 4096;
    static constexpr double kTick = 1.0 / 30.0;

    explicit SyntheticStudio(std::size_t slots = 16, std::uint32_t seed = 7);

    // The next snapshot, kTick after the previous one.
    StudioSnapshot next();
    // The snapshot after next() reports `n` more underruns on `slot` (its ring ran dry).
    void injectUnderruns(std::size_t slot, std::uint32_t n);
    void injectXruns(std::uint64_t n) { pendingXruns_ += n; }
    // Idle: nothing sounds, the callback load jitters a little, no GC.
    void setIdle(bool idle) { idle_ = idle; }
    // Flat: nothing sounds and every figure stays put.
    void setFlat(bool flat) { flat_ = flat; }
    // Holds a slot in one state (a stopped or crashed voice in the screenshot).
    void force(std::size_t slot, SlotState state, std::uint32_t underruns = 0);
    double time() const { return time_; }

private:
    double noise(double spread);

    std::size_t slots_;
    std::mt19937 random_;
    StudioSnapshot s_;
    double time_ = 0.0;
    bool idle_ = false;
    bool flat_ = false;
    std::uint64_t pendingXruns_ = 0;
    std::size_t dryingSlot_ = 0;
    int dryTicks_ = 0; // the slot that underran shows it for a few ticks
    std::uint32_t pendingUnderruns_ = 0;
    int xrunTicks_ = 0; // the load's p99 window remembers the overload for a second
    std::vector<std::optional<SlotState>> forced_;
};

// A snapshot with the given slot states and fills, everything else plausible.
StudioSnapshot snapshotWith(std::initializer_list<SlotView> slots, double time = 1.0);

} // namespace govox::ui::test
