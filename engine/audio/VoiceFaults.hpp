// VoiceFaults.hpp - turns the mixer's per-voice fault counters into faults a user can
// read: which slot of which voice produced NaN/Inf samples or impossible ring indices.
//
// The audio thread only counts (it cannot log); this reads the counts afterwards. Live,
// the session polls it a few times a second; offline, the render polls it after every
// block, so it can say at which time a voice went wrong and stop there.
//
// Threads: one control thread (or the offline render thread) per object, reading the
// audio thread's meters (atomics).
#pragma once

#include "engine/rt/RegionMixer.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace govox::audio {

enum class VoiceFaultKind {
    NonFinite, // NaN or infinite samples: the mixer silenced the note
    Corrupt    // impossible ring indices or slot states: the mixer stopped the note
};

struct VoiceFault {
    VoiceFaultKind kind = VoiceFaultKind::NonFinite;
    std::uint32_t slot = 0;

    // "voice 'pad' (slot 3) produced NaN or infinite samples" - without what followed.
    std::string describe(const std::string& voice) const;
};

class VoiceFaults {
public:
    // The faults counted since the last call, by slot.
    std::vector<VoiceFault> poll(const rt::RegionMixer& region);

private:
    std::vector<std::uint32_t> nonfinite_;
    std::vector<std::uint32_t> corrupt_;
};

} // namespace govox::audio
