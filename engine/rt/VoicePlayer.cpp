#include "engine/rt/VoicePlayer.hpp"

#include "engine/abi/SharedAtomic.hpp"
#include "engine/rt/MixKernels.hpp"
#include "engine/rt/SampleChecks.hpp"

#include <algorithm>
#include <cstring>

namespace govox::rt {
namespace {

bool isSounding(std::uint32_t state) noexcept GOVOX_NONBLOCKING {
    return state == GOVOX_VOICE_ACTIVE || state == GOVOX_VOICE_RELEASING ||
           state == GOVOX_VOICE_FINISHED;
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
    gate_.begin(slot);
}

void VoicePlayer::mix(float* bus, std::uint32_t frames, MixTally& tally,
                      std::uint64_t blockStart) noexcept GOVOX_NONBLOCKING {
    MixSource source;
    if (!beginMix(bus, frames, blockStart, tally, source)) return;
    finishSteady(source, mixCheckedSources(&source, 1, bus, frames) == 0, frames, tally);
}

bool VoicePlayer::beginMix(float* bus, std::uint32_t frames, std::uint64_t blockStart,
                           MixTally& tally, MixSource& source) noexcept GOVOX_NONBLOCKING {
    bus_ = bus;
    tailCursor_ = 0;
    const std::uint32_t state = abi::loadAcquire(slot_->state);
    // Most slots are idle most of the time: one load, nothing to mix, meters already say so.
    if (phase_ == Phase::Idle && tailLeft_ == 0 && !isSounding(state) && meterIdle_) return false;
    if (phase_ == Phase::AwaitingStop) {
        awaitStop(state);
    } else if (phase_ == Phase::Idle && isSounding(state)) {
        const std::uint32_t offset = startOffset(blockStart, frames);
        if (offset == frames) { // the note starts in a later block
            renderTail(frames);
            publishMeter(0);
            return false;
        }
        if (offset == 0 && blockStart > abi::loadAcquire(slot_->start_frame)) ++tally.lateStarts;
        beginNote();
        if (offset > 0) {
            playFrom(offset, frames, state, tally);
            return false;
        }
    }
    if (phase_ == Phase::Playing && prepareSteady(frames, state, source)) {
        steadyState_ = state;
        return true;
    }
    std::uint32_t fill = 0;
    if (phase_ == Phase::Playing) {
        playRing(frames, state, tally);
        fill = phase_ == Phase::Playing ? reader_.lastSeenAvailable() : 0;
        tally.soundingVoices += 1;
    }
    renderTail(frames);
    publishMeter(fill);
    return false;
}

// The common case, which the caller mixes: a whole block ready, no wrap inside it, gains
// steady and no fade under way. Anything else is left to playRing.
bool VoicePlayer::prepareSteady(std::uint32_t frames, std::uint32_t state,
                                MixSource& source) noexcept GOVOX_NONBLOCKING {
    if (!isSounding(state) || dry_ || fadeIn_ < fadeFrames_ || rampLeft_ != 0) return false;
    bool corrupt = false;
    if (readable(frames, corrupt) < frames || corrupt) return false;
    followGain();
    const FrameSpans spans = reader_.peek(frames);
    if (rampLeft_ != 0 || spans.firstFrames < frames) return false;
    source = {spans.first, gain_.left, gain_.right};
    return true;
}

void VoicePlayer::finishSteady(const MixSource& source, bool finite, std::uint32_t frames,
                               MixTally& tally) noexcept GOVOX_NONBLOCKING {
    const FrameSpans spans{const_cast<float*>(source.frames), frames, nullptr, 0};
    const std::uint32_t good = settleSteady(spans, frames, finite);
    const bool intact = gate_.verify(*slot_, reader_.position() + frames);
    reader_.consume(frames);
    if (!intact) {
        countCorruption(tally);
        stopVoice(frames, steadyState_);
    } else if (good < frames) {
        stopForNonfinite(good, steadyState_, tally);
    }
    tally.soundingVoices += 1;
    renderTail(frames);
    // The fill as the writer's index stood when this block was read: the host's index
    // line is loaded once per block, not twice.
    publishMeter(phase_ == Phase::Playing ? reader_.lastSeenAvailable() : 0);
}

// Where in this block a new note's first frame plays: 0 when its start_frame is due or
// has passed (or lies beyond what a ring can hold ahead: not believed), `frames` when it
// falls in a later block.
std::uint32_t VoicePlayer::startOffset(std::uint64_t blockStart,
                                       std::uint32_t frames) const noexcept GOVOX_NONBLOCKING {
    const std::uint64_t start = abi::loadAcquire(slot_->start_frame);
    if (start <= blockStart) return 0;
    const std::uint64_t ahead = start - blockStart;
    if (ahead > std::uint64_t{reader_.capacity()} + frames) return 0;
    return ahead >= frames ? frames : static_cast<std::uint32_t>(ahead);
}

// The first block of a note that starts `offset` frames into it: an earlier note's tail
// runs on across the whole block, the ring plays from the note's frame.
void VoicePlayer::playFrom(std::uint32_t offset, std::uint32_t frames, std::uint32_t state,
                           MixTally& tally) noexcept GOVOX_NONBLOCKING {
    renderTail(frames);
    bus_ += std::size_t{offset} * kChannels;
    tailCursor_ = frames - offset;
    playRing(frames - offset, state, tally);
    if (phase_ == Phase::Playing) tally.soundingVoices += 1;
    publishMeter(phase_ == Phase::Playing ? reader_.lastSeenAvailable() : 0);
}

void VoicePlayer::beginNote() noexcept GOVOX_NONBLOCKING {
    phase_ = Phase::Playing;
    dry_ = false;
    blocksPlayed_ = 0;
    fadeIn_ = fadeFrames_;
    gate_.begin(*slot_);
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
    const std::uint32_t ready = readable(frames, corrupt);
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
    const bool intact = gate_.verify(*slot_, reader_.position() + n);
    reader_.consume(n);
    if (!intact) {
        countCorruption(tally);
        stopVoice(n, state);
        return;
    }
    if (good < n) {
        stopForNonfinite(good, state, tally);
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
    // The policy is read when the ring runs dry, so a voice may change a note's priority
    // while it sounds; a released note is let go whatever its priority: the held ones,
    // which the player still hears as notes, keep their slots.
    const bool keep =
        abi::loadAcquire(slot_->priority) == GOVOX_PRIORITY_HIGH && state == GOVOX_VOICE_ACTIVE;
    if (!keep) stopVoice(n, state);
}

// Frames ready to read for a block of `frames`, claimed through the rewrite handshake:
// what the host has written and, while it rewrites, no further than its rewrite cursor.
std::uint32_t VoicePlayer::readable(std::uint32_t frames,
                                    bool& corrupt) noexcept GOVOX_NONBLOCKING {
    const std::uint32_t ready = reader_.available(corrupt);
    if (corrupt) return 0;
    return gate_.claim(*slot_, reader_.position(), frames, ready, corrupt);
}

// Mixes `count` frames at constant gain, checking them in the same pass. Returns what
// settleSteady does.
std::uint32_t VoicePlayer::mixSteady(const FrameSpans& spans,
                                     std::uint32_t count) noexcept GOVOX_NONBLOCKING {
    if (count == 0) return 0;
    const std::uint32_t first = std::min(count, spans.firstFrames);
    MixSource sources[2] = {{spans.first, gain_.left, gain_.right},
                            {spans.second, gain_.left, gain_.right}};
    bool finite = mixCheckedSources(&sources[0], 1, bus_, first) == 0;
    if (count > first) // only at the ring's wrap
        finite &= mixCheckedSources(&sources[1], 1, bus_ + std::size_t{first} * kChannels,
                                    count - first) == 0;
    return settleSteady(spans, count, finite);
}

// After `count` frames were mixed at the current gains with non-finite samples as 0:
// returns count if they were all finite, or else the index of the first frame holding a
// NaN or Inf after taking everything mixed from it on back out (the caller then fades out
// from the frame before). Remembers the last good frame for that fade.
std::uint32_t VoicePlayer::settleSteady(const FrameSpans& spans, std::uint32_t count,
                                        bool finite) noexcept GOVOX_NONBLOCKING {
    const std::uint32_t first = std::min(count, spans.firstFrames);
    const float gl = gain_.left, gr = gain_.right;
    const std::uint32_t good = finite ? count : finiteFrames(spans, count);
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

void VoicePlayer::stopForNonfinite(std::uint32_t good, std::uint32_t state,
                                   MixTally& tally) noexcept GOVOX_NONBLOCKING {
    ++nonfiniteBlocks_;
    ++tally.nonfiniteBlocks;
    abi::storeRelaxed(slot_->nonfinite_blocks, nonfiniteBlocks_);
    stopVoice(good, state);
}

void VoicePlayer::mixFrames(const FrameSpans& spans,
                            std::uint32_t count) noexcept GOVOX_NONBLOCKING {
    const std::uint32_t first = std::min(count, spans.firstFrames);
    mixRun(spans.first, first, 0);
    mixRun(spans.second, count - first, first);
}

// Adds `count` interleaved frames at block offset `at`, following any gain ramp and
// fade-in.
void VoicePlayer::mixRun(const float* src, std::uint32_t count,
                         std::uint32_t at) noexcept GOVOX_NONBLOCKING {
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
        if (abi::compareExchange(slot_->state, state, std::uint32_t{GOVOX_VOICE_STOP_REQUESTED})) {
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
    if (tailLeft_ == 0) { // nearly always: no tail, and no division for nothing
        tailCursor_ = std::max(tailCursor_, to);
        return;
    }
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
    // Held notes only: a released note's ring runs down to empty as its voice finishes,
    // which is its end, not a lack of margin (and a dry held note is an underrun).
    if (phase_ == Phase::Playing && abi::loadRelaxed(slot_->state) == GOVOX_VOICE_ACTIVE) {
        if (blocksPlayed_ < kSettleBlocks) {
            ++blocksPlayed_;
        } else if (fill < meter_.lowFillFrames.load(std::memory_order_relaxed)) {
            // A reader's exchange in between may lose this one block's figure: the margin
            // is a heuristic read every few tens of milliseconds.
            meter_.lowFillFrames.store(fill, std::memory_order_relaxed);
        }
    }
    meter_.state.store(static_cast<std::uint32_t>(shown), std::memory_order_relaxed);
    meter_.underruns.store(underruns_, std::memory_order_relaxed);
    meter_.nonfiniteBlocks.store(nonfiniteBlocks_, std::memory_order_relaxed);
    meter_.corruptions.store(corruptions_, std::memory_order_relaxed);
}

} // namespace govox::rt
