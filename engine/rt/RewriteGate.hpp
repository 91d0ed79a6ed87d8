// RewriteGate.hpp - the engine's half of the rewrite handshake (govox_abi.h, "Rewrites").
//
// Aims
// - A host that renders a note again (rollback) rewrites frames already in the ring. The
//   engine claims each block before it reads it and reads no further than the host's
//   rewrite cursor while a rewrite is open, so it never plays a half-rewritten frame.
// - Trust nothing: a cursor behind the read index, a rewrite begun inside the claimed
//   block or a counter that goes back is reported as corrupt, and the caller stops the
//   voice as it does for impossible ring indices.
//
// Threads: the audio thread only (one gate per VoicePlayer). Allocation-free; one
// sequentially consistent store and load per claim, one fence per verify.
#pragma once

#include "engine/abi/SharedAtomic.hpp"
#include "engine/abi/govox_abi.h"
#include "engine/rt/RealtimeAttributes.hpp"

#include <atomic>
#include <cstdint>

namespace govox::rt {

class RewriteGate {
public:
    // A new note, or a slot bound mid-note: the host's counter as it stands is the base.
    void begin(const govox_voice_slot& slot) noexcept GOVOX_NONBLOCKING {
        seqAtClaim_ = abi::loadAcquire(slot.rewrite_seq);
    }

    // Claims [read, read + want) and returns how many of the `ready` frames from `read` on
    // are final. corrupt is set (and 0 returned) when the host broke the handshake.
    std::uint32_t claim(govox_voice_slot& slot, std::uint32_t read, std::uint32_t want,
                        std::uint32_t ready, bool& corrupt) noexcept GOVOX_NONBLOCKING {
        abi::storeSeqCst(slot.read_claim, read + want);
        const std::uint32_t seq = abi::loadSeqCst(slot.rewrite_seq);
        corrupt = goesBack(seq, seqAtClaim_);
        if (corrupt) return 0; // and it stays the base, so a second look sees it too
        seqAtClaim_ = seq;
        if ((seq & 1u) == 0) return ready;
        // A rewrite is open: what lies before its cursor is final, the rest is not there yet.
        const std::uint32_t final = abi::loadAcquire(slot.rewrite_cursor) - read;
        if (goesBack(final, 0)) { // behind what the engine has already read: impossible
            corrupt = true;
            return 0;
        }
        return final < ready ? final : ready;
    }

    // After reading the claimed frames up to readEnd: false if a rewrite begun meanwhile
    // started inside them (the host did not respect the claim) or the counter went back.
    bool verify(const govox_voice_slot& slot, std::uint32_t readEnd) noexcept GOVOX_NONBLOCKING {
        std::atomic_thread_fence(std::memory_order_seq_cst); // the frames are read before this
        const std::uint32_t seq = abi::loadRelaxed(slot.rewrite_seq);
        if (seq == seqAtClaim_) return true;
        if (goesBack(seq, seqAtClaim_)) return false;
        // Rewrites begun since the claim: the counter turned odd that many times.
        const bool began = (seq + 1u) / 2u != (seqAtClaim_ + 1u) / 2u;
        seqAtClaim_ = seq;
        if (!began) return true; // the open rewrite ended: what was read before its cursor stands
        return !goesBack(abi::loadAcquire(slot.rewrite_from), readEnd);
    }

private:
    // a < b for free-running counters that move forward by less than half their range.
    static bool goesBack(std::uint32_t a, std::uint32_t b) noexcept {
        return static_cast<std::int32_t>(a - b) < 0;
    }

    std::uint32_t seqAtClaim_ = 0; // the counter as the engine last saw it
};

} // namespace govox::rt
