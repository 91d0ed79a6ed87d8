#include "engine/rt/Mixer.hpp"

#include "engine/abi/SharedAtomic.hpp"
#include "engine/rt/MonotonicClock.hpp"
#include "engine/rt/SampleChecks.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace govox::rt {
namespace {

// The largest |x|. The output is finite (the limiter zeroes anything else), so it is an
// integer maximum of the magnitude bits (SampleChecks.hpp), which vectorises where a float
// std::max chain ran one sample at a time (about a tenth of a 64-voice block's time).
float peakOf(const float* x, std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
    std::uint32_t peak = 0;
    for (std::uint32_t i = 0; i < frames; ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, x + i, sizeof bits);
        bits &= kMagnitudeBits;
        peak = bits > peak ? bits : peak;
    }
    float value;
    std::memcpy(&value, &peak, sizeof value);
    return value;
}

} // namespace

Mixer::Mixer(const MixerConfig& config)
    : config_(config), voiceFadeFrames_(std::max<std::uint32_t>(
                           16, static_cast<std::uint32_t>(config.voiceFadeMs * 0.001f *
                                                          static_cast<float>(config.sampleRate)))) {
    limiter_.prepare(config.sampleRate, config.limiterCeiling, config.limiterReleaseMs);
}

Mixer::~Mixer() {
    for (Slot& s : slots_) delete s.region;
    Command c;
    while (commands_.pop(c)) delete c.region;
    RegionMixer* r = nullptr;
    while (retired_.pop(r)) delete r;
}

std::unique_ptr<RegionMixer> Mixer::makeRegionMixer(shm::Region& region) {
    return std::make_unique<RegionMixer>(region, nextRegionId_++, config_.maxBlockFrames,
                                         voiceFadeFrames_);
}

bool Mixer::add(std::unique_ptr<RegionMixer>& region, std::uint32_t fadeInFrames) {
    if (!commands_.push({CommandType::Add, region.get(), region->id(), fadeInFrames})) return false;
    region.release();
    return true;
}

bool Mixer::remove(std::uint32_t regionId, std::uint32_t fadeOutFrames) {
    return commands_.push({CommandType::Remove, nullptr, regionId, fadeOutFrames});
}

bool Mixer::crossfade(std::uint32_t fromId, std::unique_ptr<RegionMixer>& to,
                      std::uint32_t frames) {
    if (!commands_.push({CommandType::Crossfade, to.get(), fromId, frames})) return false;
    to.release();
    return true;
}

std::vector<std::unique_ptr<RegionMixer>> Mixer::collectRetired() {
    std::vector<std::unique_ptr<RegionMixer>> out;
    RegionMixer* r = nullptr;
    while (retired_.pop(r)) out.emplace_back(r);
    return out;
}

void Mixer::drainCommands() noexcept GOVOX_NONBLOCKING {
    Command c;
    while (commands_.pop(c)) {
        switch (c.type) {
        case CommandType::Add: addNow(c.region, c.frames); break;
        case CommandType::Remove: removeNow(c.regionId, c.frames); break;
        case CommandType::Crossfade: // both fades start on the same frame
            removeNow(c.regionId, c.frames);
            addNow(c.region, c.frames);
            break;
        }
    }
}

void Mixer::addNow(RegionMixer* region, std::uint32_t fadeInFrames) noexcept GOVOX_NONBLOCKING {
    for (Slot& s : slots_) {
        if (s.region != nullptr) continue;
        s.region = region;
        s.fade = RegionFade{};
        s.fade.startIn(fadeInFrames);
        return;
    }
    // Every slot is taken: hand it straight back. Should the queue be full as well (the
    // control thread stopped collecting), the region is leaked rather than freed here.
    retired_.push(region);
}

void Mixer::removeNow(std::uint32_t regionId,
                      std::uint32_t fadeOutFrames) noexcept GOVOX_NONBLOCKING {
    for (Slot& s : slots_)
        if (s.region != nullptr && s.region->id() == regionId) s.fade.startOut(fadeOutFrames);
}

void Mixer::process(float* left, float* right, std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
    const std::uint64_t start = monotonicNs();
    clock_.publish({engineFrame_, start, frames, jackFrame_, jackFrameKnown_});
    jackFrameKnown_ = false; // said again before every callback, or not at all
    drainCommands();
    for (std::uint32_t done = 0; done < frames;) {
        const std::uint32_t n = std::min(frames - done, config_.maxBlockFrames);
        processBlock(left + done, right + done, n);
        done += n;
    }
    if (OutputTap* tap = tap_.load(std::memory_order_acquire)) {
        for (std::uint32_t done = 0; done < frames;) {
            const std::uint32_t n = std::min(frames - done, config_.maxBlockFrames);
            tap->write(left + done, right + done, n);
            done += n;
        }
    }
    const std::uint64_t ns = monotonicNs() - start;
    load_.setWindow(config_.sampleRate / std::max<std::uint32_t>(frames, 1));
    load_.record(static_cast<std::uint32_t>(std::min<std::uint64_t>(ns, 0xffffffffu)), stats_.load);
    stats_.periodNs.store(
        static_cast<std::uint32_t>(1e9 * frames / static_cast<double>(config_.sampleRate)),
        std::memory_order_relaxed);
    stats_.callbacks.fetch_add(1, std::memory_order_release); // stopTap frees the tap after it
}

void Mixer::processBlock(float* left, float* right,
                         std::uint32_t frames) noexcept GOVOX_NONBLOCKING {
    std::fill_n(left, frames, 0.0f);
    std::fill_n(right, frames, 0.0f);
    MixTally tally;
    std::uint32_t regions = 0;
    for (Slot& s : slots_) {
        if (s.region == nullptr) continue;
        s.region->mix(frames, engineFrame_, tally);
        s.fade.apply(s.region->bus(), left, right, frames);
        abi::storeRelaxed(s.region->region().header().engine_frame, engineFrame_ + frames);
        if (s.fade.silent() && retired_.push(s.region))
            s.region = nullptr; // else next block
        else
            ++regions;
    }
    const float limiterGain = limiter_.process(left, right, frames);
    engineFrame_ += frames;
    stats_.regions.store(regions, std::memory_order_relaxed);
    publish(left, right, frames, limiterGain, tally);
}

void Mixer::publish(const float* left, const float* right, std::uint32_t frames, float limiterGain,
                    const MixTally& tally) noexcept GOVOX_NONBLOCKING {
    stats_.engineFrame.store(engineFrame_, std::memory_order_relaxed);
    stats_.peakLeft.store(peakOf(left, frames), std::memory_order_relaxed);
    stats_.peakRight.store(peakOf(right, frames), std::memory_order_relaxed);
    stats_.limiterGain.store(limiterGain, std::memory_order_relaxed);
    stats_.soundingVoices.store(tally.soundingVoices, std::memory_order_relaxed);
    if (tally.underruns) stats_.underruns.fetch_add(tally.underruns, std::memory_order_relaxed);
    if (tally.nonfiniteBlocks)
        stats_.nonfiniteBlocks.fetch_add(tally.nonfiniteBlocks, std::memory_order_relaxed);
    if (tally.corruptions)
        stats_.corruptions.fetch_add(tally.corruptions, std::memory_order_relaxed);
    if (tally.lateStarts) stats_.lateStarts.fetch_add(tally.lateStarts, std::memory_order_relaxed);
}

} // namespace govox::rt
