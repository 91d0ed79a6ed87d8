#include "engine/rt/VoicePlayer.hpp"

#include "engine/abi/SharedAtomic.hpp"
#include "engine/rt/SampleChecks.hpp"

#include <algorithm>
#include <cstring>

namespace govox::rt {
namespace {

bool isSounding(std::uint32_t state) noexcept GOVOX_NONBLOCKING {
    return state == GOVOX_VOICE_ACTIVE || state == GOVOX_VOICE_RELEASING ||
           state == GOVOX_VOICE_FINISHED;
}

// The hot loop: interleaved ring frames onto the interleaved bus with constant gains,
// a streaming multiply-add the compiler vectorises (__restrict: the bus and the ring
// never overlap).
GOVOX_VECTOR_CLONES void mixConstantGain(const float* __restrict src, float* __restrict bus,
                                         std::size_t count,
                     float gl, float gr) noexcept GOVOX_NONBLOCKING {
    for (std::size_t i = 0; i < count; ++i) {
        bus[2 * i] += src[2 * i] * gl;
        bus[2 * i + 1] += src[2 * i + 1] * gr;
    }
}

// The same with a finiteness check fused in: a NaN or Inf is mixed as 0 and makes the
// result false. One pass over the ring's frames instead of two. Written as a flat run of
// interleaved samples in groups of eight with a repeating {left, right} gain, the shape
// a vectoriser turns into plain full-width operations.
GOVOX_VECTOR_CLONES bool mixCheckedConstantGain(const float* __restrict src,
                                                float* __restrict bus, std::size_t frames,
                                                float gl, float gr) noexcept GOVOX_NONBLOCKING {
    constexpr std::size_t kGroup = 8;
    const float gain[kGroup] = {gl, gr, gl, gr, gl, gr, gl, gr};
    const std::size_t count = frames * kChannels;
    std::uint32_t bad[kGroup] = {};
    std::size_t i = 0;
    for (; i + kGroup <= count; i += kGroup) {
        for (std::size_t k = 0; k < kGroup; ++k) {
            std::uint32_t bits;
            std::memcpy(&bits, &src[i + k], sizeof bits);
            const std::uint32_t nonfinite = (bits & 0x7f800000u) == 0x7f800000u ? ~0u : 0u;
            bad[k] |= nonfinite;
            const std::uint32_t kept = bits & ~nonfinite;
            float x;
            std::memcpy(&x, &kept, sizeof x);
            bus[i + k] += x * gain[k];
        }
    }
    std::uint32_t any = 0;
    for (; i < count; ++i) {
        std::uint32_t bits;
        std::memcpy(&bits, &src[i], sizeof bits);
        const std::uint32_t nonfinite = (bits & 0x7f800000u) == 0x7f800000u ? ~0u : 0u;
        any |= nonfinite;
        const std::uint32_t kept = bits & ~nonfinite;
        float x;
        std::memcpy(&x, &kept, sizeof x);
        bus[i] += x * gain[i % 2];
    }
    for (std::uint32_t b : bad) any |= b;
    return any == 0;
}

float asFloat(std::uint32_t bits) noexcept GOVOX_NONBLOCKING {
    float value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

} // namespace

void VoicePlayer::bind(govox_voice_slot& slot, FrameRingView ring,
                       std::uint32_t fadeFrames) noexcept {
    slot_ = &slot;
    reader_ = FrameRingReader(ring, abi::loadAcquire(slot.read_index));
    fadeFrames_ = std::max<std::uint32_t>(fadeFrames, 1);
    fadeIn_ = fadeFrames_;
}

void VoicePlayer::mix(float* bus, std::uint32_t frames, MixTally& tally) noexcept
    GOVOX_NONBLOCKING {
    bus_ = bus;
    tailCursor_ = 0;
    const std::uint32_t state = abi::loadAcquire(slot_->state);
    // Most slots are idle most of the time: one load, nothing to mix, meters already say so.
    if (phase_ == Phase::Idle && tailLeft_ == 0 && !isSounding(state) && meterIdle_) return;
    if (phase_ == Phase::AwaitingStop)
        awaitStop(state);
    else if (phase_ == Phase::Idle && isSounding(state))
        beginNote();
    std::uint32_t fill = 0;
    if (phase_ == Phase::Playing) {
        playRing(frames, state, tally);
        bool corrupt = false;
        fill = phase_ == Phase::Playing ? reader_.available(corrupt) : 0;
        tally.soundingVoices += 1;
    }
    renderTail(frames);
    publishMeter(fill);
}

void VoicePlayer::beginNote() noexcept GOVOX_NONBLOCKING {
    phase_ = Phase::Playing;
    highPriority_ = abi::loadAcquire(slot_->priority) == GOVOX_PRIORITY_HIGH;
    dry_ = false;
    fadeIn_ = fadeFrames_;
    gainBits_ = abi::loadAcquire(slot_->gain_bits);
    panBits_ = abi::loadAcquire(slot_->pan_bits);
    gain_ = rampTarget_ = equalPowerPan(asFloat(gainBits_), asFloat(panBits_));
    rampLeft_ = 0; // a new note starts at its gain, not ramped from the last note's
}

// Starts a fade-long ramp when the host changed the voice's gain or pan. The pan law's
// trigonometry runs only on a change.
void VoicePlayer::followGain() noexcept GOVOX_NONBLOCKING {
    const std::uint32_t g = abi::loadAcquire(slot_->gain_bits);
    const std::uint32_t p = abi::loadAcquire(slot_->pan_bits);
    if (g == gainBits_ && p == panBits_) return;
    gainBits_ = g;
    panBits_ = p;
    rampTarget_ = equalPowerPan(asFloat(g), asFloat(p));
    const float inv = 1.0f / static_cast<float>(fadeFrames_);
    rampStep_ = {(rampTarget_.left - gain_.left) * inv, (rampTarget_.right - gain_.right) * inv};
    rampLeft_ = fadeFrames_;
}

void VoicePlayer::playRing(std::uint32_t frames, std::uint32_t state,
                           MixTally& tally) noexcept GOVOX_NONBLOCKING {
    if (!isSounding(state)) { // only the engine leaves the sounding states
        countCorruption(tally);
        stopVoice(0, state);
        return;
    }
    bool corrupt = false;
    const std::uint32_t ready = reader_.available(corrupt);
    if (corrupt) {
        countCorruption(tally);
        stopVoice(0, state);
        return;
    }
    const std::uint32_t n = std::min(ready, frames);
    const FrameSpans spans = reader_.peek(n);
    followGain();
    std::uint32_t good;
    if (rampLeft_ == 0 && fadeIn_ >= fadeFrames_ && !dry_) {
        good = mixSteady(spans, n); // the common case: checks and mixes in one pass
    } else {
        good = finiteFrames(spans, n);
        if (good > 0 && dry_) { // data is back after an underrun: fade it in
            dry_ = false;
            fadeIn_ = 0;
        }
        mixFrames(spans, good);
    }
    reader_.consume(n);
    if (good < n) {
        ++nonfiniteBlocks_;
        ++tally.nonfiniteBlocks;
        abi::storeRelaxed(slot_->nonfinite_blocks, nonfiniteBlocks_);
        stopVoice(good, state);
        return;
    }
    if (n == frames) return;
    if (state == GOVOX_VOICE_FINISHED) { // played to its end
        stopVoice(n, state);
        return;
    }
    if (!dry_) {
        dry_ = true;
        ++underruns_;
        ++tally.underruns;
        abi::storeRelaxed(slot_->underruns, underruns_);
        startTail(n);
    }
    if (!highPriority_) stopVoice(n, state);
}

// Mixes `count` frames at constant gain, checking them in the same pass. Returns count,
// or, if a frame was not finite, the index of the first such frame after taking back
// everything mixed from it on: the caller then fades out from the frame before.
std::uint32_t VoicePlayer::mixSteady(const FrameSpans& spans, std::uint32_t count) noexcept
    GOVOX_NONBLOCKING {
    if (count == 0) return 0;
    const std::uint32_t first = std::min(count, spans.firstFrames);
    const float gl = gain_.left, gr = gain_.right;
    bool ok = mixCheckedConstantGain(spans.first, bus_, first, gl, gr);
    ok &= mixCheckedConstantGain(spans.second, bus_ + std::size_t{first} * kChannels,
                                 count - first, gl, gr);
    const std::uint32_t good = ok ? count : finiteFrames(spans, count);
    for (std::uint32_t f = good; f < count; ++f) { // rare: take the bad run back out
        const float* x = f < first ? spans.first + std::size_t{f} * kChannels
                                   : spans.second + std::size_t{f - first} * kChannels;
        if (allFinite(x, 1)) bus_[2 * f] -= x[0] * gl; // a non-finite sample went in as 0
        if (allFinite(x + 1, 1)) bus_[2 * f + 1] -= x[1] * gr;
    }
    if (good > 0) {
        const std::uint32_t f = good - 1;
        const float* x = f < first ? spans.first + std::size_t{f} * kChannels
                                   : spans.second + std::size_t{f - first} * kChannels;
        lastLeft_ = x[0] * gl;
        lastRight_ = x[1] * gr;
    }
    return good;
}

void VoicePlayer::mixFrames(const FrameSpans& spans, std::uint32_t count) noexcept
    GOVOX_NONBLOCKING {
    const std::uint32_t first = std::min(count, spans.firstFrames);
    mixRun(spans.first, first, 0);
    mixRun(spans.second, count - first, first);
}

// Adds `count` interleaved frames at block offset `at`, following any gain ramp and
// fade-in.
void VoicePlayer::mixRun(const float* src, std::uint32_t count, std::uint32_t at) noexcept
    GOVOX_NONBLOCKING {
    if (count == 0) return;
    float* b = bus_ + std::size_t{at} * kChannels;
    if (rampLeft_ == 0 && fadeIn_ >= fadeFrames_) { // the common case: constant gains
        mixConstantGain(src, b, count, gain_.left, gain_.right);
        lastLeft_ = src[2 * (count - 1)] * gain_.left;
        lastRight_ = src[2 * (count - 1) + 1] * gain_.right;
        return;
    }
    const float inv = 1.0f / static_cast<float>(fadeFrames_);
    for (std::uint32_t i = 0; i < count; ++i) {
        if (rampLeft_ > 0) {
            gain_.left += rampStep_.left;
            gain_.right += rampStep_.right;
            if (--rampLeft_ == 0) gain_ = rampTarget_;
        }
        float fade = 1.0f;
        if (fadeIn_ < fadeFrames_) fade = static_cast<float>(++fadeIn_) * inv;
        lastLeft_ = src[2 * i] * gain_.left * fade;
        lastRight_ = src[2 * i + 1] * gain_.right * fade;
        b[2 * i] += lastLeft_;
        b[2 * i + 1] += lastRight_;
    }
}

// Ends the voice at block offset `at`: fades from the last frame, then either frees the
// slot (the host has finished writing) or asks the host to stop and waits for it.
void VoicePlayer::stopVoice(std::uint32_t at, std::uint32_t state) noexcept GOVOX_NONBLOCKING {
    if (!dry_) startTail(at);
    dry_ = true;
    for (int attempt = 0; attempt < 3; ++attempt) {
        if (state == GOVOX_VOICE_FINISHED) {
            reader_.dropAll();
            abi::compareExchange(slot_->state, state, std::uint32_t{GOVOX_VOICE_FREE});
            phase_ = Phase::Idle;
            return;
        }
        if (state != GOVOX_VOICE_ACTIVE && state != GOVOX_VOICE_RELEASING) break;
        if (abi::compareExchange(slot_->state, state,
                                 std::uint32_t{GOVOX_VOICE_STOP_REQUESTED})) {
            phase_ = Phase::AwaitingStop;
            return;
        }
        state = abi::loadAcquire(slot_->state); // the host moved it meanwhile
    }
    phase_ = Phase::AwaitingStop; // a state only a broken host produces: wait it out
}

// The host acknowledges a stop by moving to FINISHED; anything but STOP_REQUESTED ends
// the wait, and the ring is dropped so the next note starts clean.
void VoicePlayer::awaitStop(std::uint32_t state) noexcept GOVOX_NONBLOCKING {
    if (state == GOVOX_VOICE_STOP_REQUESTED) return;
    reader_.dropAll();
    if (state == GOVOX_VOICE_FINISHED)
        abi::compareExchange(slot_->state, state, std::uint32_t{GOVOX_VOICE_FREE});
    phase_ = Phase::Idle;
}

void VoicePlayer::startTail(std::uint32_t at) noexcept GOVOX_NONBLOCKING {
    renderTail(at); // the running tail up to here, then fold it into the new one
    const float keep = static_cast<float>(tailLeft_) / static_cast<float>(fadeFrames_);
    holdLeft_ = holdLeft_ * keep + lastLeft_;
    holdRight_ = holdRight_ * keep + lastRight_;
    lastLeft_ = lastRight_ = 0.0f;
    tailLeft_ = fadeFrames_;
}

void VoicePlayer::renderTail(std::uint32_t to) noexcept GOVOX_NONBLOCKING {
    const float inv = 1.0f / static_cast<float>(fadeFrames_);
    for (std::uint32_t i = tailCursor_; i < to && tailLeft_ > 0; ++i) {
        const float g = static_cast<float>(--tailLeft_) * inv;
        bus_[2 * i] += holdLeft_ * g;
        bus_[2 * i + 1] += holdRight_ * g;
    }
    tailCursor_ = std::max(tailCursor_, to);
    if (tailLeft_ == 0) holdLeft_ = holdRight_ = 0.0f;
}

void VoicePlayer::countCorruption(MixTally& tally) noexcept GOVOX_NONBLOCKING {
    ++corruptions_;
    ++tally.corruptions;
    abi::storeRelaxed(slot_->corruptions, corruptions_);
}

void VoicePlayer::publishMeter(std::uint32_t fill) noexcept GOVOX_NONBLOCKING {
    VoiceDisplayState shown = VoiceDisplayState::Free;
    if (phase_ == Phase::AwaitingStop) {
        shown = VoiceDisplayState::Stopped;
    } else if (phase_ == Phase::Playing) {
        const std::uint32_t s = abi::loadRelaxed(slot_->state);
        shown = dry_ ? VoiceDisplayState::Underrun
                     : (s == GOVOX_VOICE_ACTIVE ? VoiceDisplayState::Active
                                                : VoiceDisplayState::Releasing);
    }
    meterIdle_ = shown == VoiceDisplayState::Free && fill == 0;
    meter_.fillFrames.store(fill, std::memory_order_relaxed);
    meter_.state.store(static_cast<std::uint32_t>(shown), std::memory_order_relaxed);
    meter_.underruns.store(underruns_, std::memory_order_relaxed);
    meter_.nonfiniteBlocks.store(nonfiniteBlocks_, std::memory_order_relaxed);
    meter_.corruptions.store(corruptions_, std::memory_order_relaxed);
}

} // namespace govox::rt
