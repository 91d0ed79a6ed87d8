// VoicePlayer.hpp - the audio thread's side of one voice slot.
//
// Aims
// - Read the voice's ring one block at a time and add it to an interleaved stereo bus
//   (the ring's own layout, so the hot loop is a plain multiply-add) with the
//   voice's gain and equal-power pan, both smoothed across the block.
// - Enforce the underrun policy of the design: a held high-priority note plays what it
//   has, fades the gap out from its last sample and fades back in when data returns; a
//   low-priority or released note is faded out and stopped. The priority is read when
//   the ring runs dry, so a voice may change it note by note while the note sounds. Every
//   transition is a ramp of `fadeFrames`, whatever the block size, so nothing steps by more than
//   1/fadeFrames of full scale: never a click.
// - Trust nothing from the host: impossible states or indices, a broken rewrite handshake
//   (RewriteGate) and non-finite samples stop the voice (faded from its last good sample)
//   and are counted.
//
// Threads: bind() on a control thread before the player is handed to the audio thread;
// mix() on the audio thread only; meter() from any thread.
#pragma once

#include "engine/abi/govox_abi.h"
#include "engine/rt/FrameRing.hpp"
#include "engine/rt/MixKernels.hpp"
#include "engine/rt/PanLaw.hpp"
#include "engine/rt/RealtimeAttributes.hpp"
#include "engine/rt/RewriteGate.hpp"

#include <atomic>
#include <cstdint>

namespace govox::rt {

// What a voice looks like to the user, as meters show it.
enum class VoiceDisplayState : std::uint32_t { Free, Active, Releasing, Underrun, Stopped };

// Written by the audio thread (relaxed), read by the UI on a timer.
struct VoiceMeter {
    std::atomic<std::uint32_t> fillFrames{0};
    // The lowest fill of a held note (past its first kSettleBlocks) since the reader
    // last exchanged it for kNoLowFill: the quality governor's ring margin.
    static constexpr std::uint32_t kNoLowFill = 0xffffffffu;
    mutable std::atomic<std::uint32_t> lowFillFrames{kNoLowFill}; // the reader takes it
    std::atomic<std::uint32_t> state{0};                          // VoiceDisplayState
    std::atomic<std::uint32_t> underruns{0};
    std::atomic<std::uint32_t> nonfiniteBlocks{0};
    std::atomic<std::uint32_t> corruptions{0};
};

// Events of one block, summed over voices by the caller.
struct MixTally {
    std::uint32_t underruns = 0;
    std::uint32_t nonfiniteBlocks = 0;
    std::uint32_t corruptions = 0;
    std::uint32_t soundingVoices = 0;
    std::uint32_t lateStarts = 0; // notes whose start_frame had passed when they were first seen
};

class VoicePlayer {
public:
    // Control thread, before the player reaches the audio thread. Reading continues from
    // the slot's published read index (0 in a new region), so frames a host prefilled
    // before the region was added are played. A bad index is caught by the range check
    // on the first read like any other.
    void bind(govox_voice_slot& slot, FrameRingView ring, std::uint32_t fadeFrames) noexcept;

    // Adds up to `frames` frames of this voice to `bus`, interleaved stereo like the
    // ring. blockStart is the engine frame of the bus's first frame: a new note starts at
    // its slot's start_frame within the block (govox_abi.h, "Note starts"). Audio thread only.
    void mix(float* bus, std::uint32_t frames, MixTally& tally,
             std::uint64_t blockStart = 0) noexcept GOVOX_NONBLOCKING;

    // mix() in two halves, for a caller that adds several voices' blocks to the bus in
    // one pass (RegionMixer). beginMix does all of mix() and returns false, except in the
    // common case - playing, a whole block ready before the ring's wrap, constant gain -
    // where it fills `source` and returns true. The caller then adds the source to the
    // bus (mixCheckedSources) and calls finishSteady with whether it was all finite,
    // before this player's next block. Audio thread only.
    bool beginMix(float* bus, std::uint32_t frames, std::uint64_t blockStart, MixTally& tally,
                  MixSource& source) noexcept GOVOX_NONBLOCKING;
    void finishSteady(const MixSource& source, bool finite, std::uint32_t frames,
                      MixTally& tally) noexcept GOVOX_NONBLOCKING;

    const VoiceMeter& meter() const noexcept { return meter_; }

private:
    enum class Phase : std::uint8_t { Idle, Playing, AwaitingStop };

    std::uint32_t startOffset(std::uint64_t blockStart,
                              std::uint32_t frames) const noexcept GOVOX_NONBLOCKING;
    void beginNote() noexcept GOVOX_NONBLOCKING;
    void playFrom(std::uint32_t offset, std::uint32_t frames, std::uint32_t state,
                  MixTally& tally) noexcept GOVOX_NONBLOCKING;
    void followGain() noexcept GOVOX_NONBLOCKING;
    std::uint32_t readable(std::uint32_t frames, bool& corrupt) noexcept GOVOX_NONBLOCKING;
    bool prepareSteady(std::uint32_t frames, std::uint32_t state,
                       MixSource& source) noexcept GOVOX_NONBLOCKING;
    void playRing(std::uint32_t frames, std::uint32_t state,
                  MixTally& tally) noexcept GOVOX_NONBLOCKING;
    std::uint32_t mixSteady(const FrameSpans& spans,
                            std::uint32_t count) noexcept GOVOX_NONBLOCKING;
    std::uint32_t settleSteady(const FrameSpans& spans, std::uint32_t count,
                               bool finite) noexcept GOVOX_NONBLOCKING;
    void stopForNonfinite(std::uint32_t good, std::uint32_t state,
                          MixTally& tally) noexcept GOVOX_NONBLOCKING;
    void mixFrames(const FrameSpans& spans, std::uint32_t count) noexcept GOVOX_NONBLOCKING;
    void mixRun(const float* src, std::uint32_t count, std::uint32_t at) noexcept GOVOX_NONBLOCKING;
    void stopVoice(std::uint32_t at, std::uint32_t state) noexcept GOVOX_NONBLOCKING;
    void awaitStop(std::uint32_t state) noexcept GOVOX_NONBLOCKING;
    void startTail(std::uint32_t at) noexcept GOVOX_NONBLOCKING;
    void renderTail(std::uint32_t to) noexcept GOVOX_NONBLOCKING;
    void countCorruption(MixTally& tally) noexcept GOVOX_NONBLOCKING;
    void publishMeter(std::uint32_t fill) noexcept GOVOX_NONBLOCKING;

    govox_voice_slot* slot_ = nullptr;
    FrameRingReader reader_;
    RewriteGate gate_; // the host may rewrite frames it has written (rollback)
    std::uint32_t fadeFrames_ = 128;
    Phase phase_ = Phase::Idle;
    bool dry_ = false;              // the ring ran out while sounding and no frame has come since
    std::uint32_t steadyState_ = 0; // the slot's state when beginMix handed out a source

    // The block being mixed (valid only during mix()).
    float* bus_ = nullptr;

    StereoGain gain_;       // gains applied to the last mixed frame
    StereoGain rampStep_;   // per-frame change while rampLeft_ > 0
    StereoGain rampTarget_; // where the ramp ends
    std::uint32_t rampLeft_ = 0;
    std::uint32_t gainBits_ = 0; // slot gain and pan bits that rampTarget_ was made from
    std::uint32_t panBits_ = 0;
    std::uint32_t fadeIn_ = 0; // frames into the fade-in after an underrun; >= fadeFrames_ when off
    float lastLeft_ = 0.0f;    // last frame added to the bus, for the tail
    float lastRight_ = 0.0f;

    // Tail: a held value ramping to zero over fadeFrames_, spanning blocks.
    float holdLeft_ = 0.0f;
    float holdRight_ = 0.0f;
    std::uint32_t tailLeft_ = 0;   // frames of tail still to play
    std::uint32_t tailCursor_ = 0; // frame in this block up to which the tail is rendered

    bool meterIdle_ = false; // the meter already shows a free, empty slot
    // Blocks since the note began, up to kSettleBlocks: a note's first blocks fill its ring
    // as the host's chunks ramp up, which says nothing of the margin.
    static constexpr std::uint32_t kSettleBlocks = 8;
    std::uint32_t blocksPlayed_ = 0;
    std::uint32_t underruns_ = 0;
    std::uint32_t nonfiniteBlocks_ = 0;
    std::uint32_t corruptions_ = 0;
    VoiceMeter meter_;
};

} // namespace govox::rt
