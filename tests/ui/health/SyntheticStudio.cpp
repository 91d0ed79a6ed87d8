#include "SyntheticStudio.hpp"

#include <algorithm>
#include <cmath>

namespace govox::ui::test {

SyntheticStudio::SyntheticStudio(std::size_t slots, std::uint32_t seed)
    : slots_(slots), random_(seed), forced_(slots) {
    s_.running = true;
    s_.backend = "jack";
    s_.device = "system";
    s_.sampleRate = kRate;
    s_.bufferFrames = 256;
    s_.ringTargetFrames = kTarget;
    s_.latencyMs = 27.0;
    s_.voiceName = "pad";
    s_.hostAlive = true;
    s_.voiceSlots.resize(slots);
}

double SyntheticStudio::noise(double spread) {
    return std::uniform_real_distribution<double>(-spread, spread)(random_);
}

void SyntheticStudio::injectUnderruns(std::size_t slot, std::uint32_t n) {
    dryingSlot_ = slot;
    pendingUnderruns_ += n;
    dryTicks_ = 5;
}

void SyntheticStudio::force(std::size_t slot, SlotState state, std::uint32_t underruns) {
    forced_.at(slot) = state;
    s_.voiceSlots.at(slot).underruns = underruns;
}

StudioSnapshot SyntheticStudio::next() {
    time_ += kTick;
    s_.time = time_;
    s_.callbacks += std::uint64_t(kTick * kRate / s_.bufferFrames);
    std::uint64_t underruns = 0;
    for (std::size_t i = 0; i < slots_; ++i) {
        SlotView& v = s_.voiceSlots[i];
        v.targetFrames = kTarget;
        v.capacityFrames = kCapacity;
        // Notes come and go on a slow, slot-dependent cycle; the upper slots stay free.
        const double period = 4.0 + double(i % 5) * 0.9;
        const double phase = std::fmod(time_ + double(i) * 1.37, period) / period;
        if (idle_ || flat_ || i >= slots_ * 3 / 4)
            v.state = SlotState::Free;
        else
            v.state = phase < 0.55  ? SlotState::Active
                      : phase < 0.7 ? SlotState::Releasing
                                    : SlotState::Free;
        const double wobble = 90.0 * std::sin(time_ * 2.1 + double(i)) + noise(60.0);
        // A new note plays from its first block; the host fills its ring within ~20 ms.
        const double ramp = std::min(1.0, phase * period / 0.02);
        const double fill = std::max(0.0, ramp * (kTarget + wobble));
        v.fillFrames = v.state == SlotState::Free ? 0 : std::uint32_t(fill);
        if (forced_[i]) v.state = *forced_[i];
        if (v.state == SlotState::Stopped || v.state == SlotState::Crashed) v.fillFrames = 0;
        if (i == dryingSlot_ && dryTicks_ > 0) {
            v.state = SlotState::Underrun;
            v.fillFrames = std::uint32_t(dryTicks_ > 3 ? 0 : 300 * (5 - dryTicks_));
            v.underruns += pendingUnderruns_;
            pendingUnderruns_ = 0;
            --dryTicks_;
        }
        underruns += v.underruns;
    }
    s_.underruns = underruns;
    if (pendingXruns_) {
        s_.xruns += pendingXruns_;
        pendingXruns_ = 0;
        xrunTicks_ = 30;
    }
    // The engine's load p99 and the host's GC figures are computed over windows (about a
    // second, 100 ms), so they hold still between window ends, as the real ones do.
    const bool newLoadWindow = std::fmod(time_, 1.0) < kTick;
    if (flat_) {
        s_.callbackLoadLast = s_.callbackLoadP99 = 0.004;
    } else if (newLoadWindow || xrunTicks_ == 30 || xrunTicks_ == 1) {
        const double base = idle_ ? 0.008 : 0.15 + 0.02 * std::sin(time_ * 0.7);
        s_.callbackLoadP99 = xrunTicks_ > 1 ? 1.04 : base + noise(idle_ ? 0.003 : 0.01);
    }
    s_.callbackLoadLast = flat_ ? 0.004 : idle_ ? 0.005 + noise(0.002) : 0.11 + noise(0.03);
    // A Go GC cycle every ~7 s shows in the host's 100 ms pause window for 3 ticks.
    const bool gc = !idle_ && !flat_ && std::fmod(time_, 7.3) < 0.1;
    s_.gcPauseP99Ms = gc ? 0.35 + noise(0.1) : 0.0;
    s_.gcPauseMaxMs = gc ? 1.1 + noise(0.4) : 0.0;
    s_.gcCycles += gc ? 1 : 0;
    xrunTicks_ = std::max(0, xrunTicks_ - 1);
    s_.heapBytes = std::uint64_t((12.0 + std::fmod(time_, 7.3)) * 1024 * 1024);
    s_.activeVoices =
        std::uint32_t(std::count_if(s_.voiceSlots.begin(), s_.voiceSlots.end(),
                                    [](const SlotView& v) { return v.state != SlotState::Free; }));
    return s_;
}

StudioSnapshot snapshotWith(std::initializer_list<SlotView> slots, double time) {
    StudioSnapshot s;
    s.time = time;
    s.running = true;
    s.sampleRate = SyntheticStudio::kRate;
    s.bufferFrames = 256;
    s.ringTargetFrames = SyntheticStudio::kTarget;
    s.voiceSlots = slots;
    for (const SlotView& v : slots) s.underruns += v.underruns;
    return s;
}

} // namespace govox::ui::test
