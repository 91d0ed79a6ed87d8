// VoiceFaults.hpp - turns the mixer's per-voice fault counters into messages a user can
// read: which voice of which instrument produced NaN/Inf samples or impossible indices.
//
// Threads: a control thread, reading the audio thread's meters (atomics).
#pragma once

#include "engine/rt/RegionMixer.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace govox::session {

class VoiceFaults {
public:
    // Messages for faults counted since the last call, naming `instrument`.
    std::vector<std::string> poll(const rt::RegionMixer& region, const std::string& instrument);

private:
    std::vector<std::uint32_t> nonfinite_;
    std::vector<std::uint32_t> corrupt_;
};

} // namespace govox::session
