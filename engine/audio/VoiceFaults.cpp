#include "engine/audio/VoiceFaults.hpp"

namespace govox::audio {

std::string VoiceFault::describe(const std::string& voice) const {
    const std::string who = "voice '" + voice + "' (slot " + std::to_string(slot) + ")";
    switch (kind) {
    case VoiceFaultKind::NonFinite: return who + " produced NaN or infinite samples";
    case VoiceFaultKind::Corrupt: return who + " wrote impossible ring indices or states";
    }
    return who + " misbehaved";
}

std::vector<VoiceFault> VoiceFaults::poll(const rt::RegionMixer& region) {
    std::vector<VoiceFault> faults;
    nonfinite_.resize(region.voiceCount(), 0);
    corrupt_.resize(region.voiceCount(), 0);
    for (std::uint32_t v = 0; v < region.voiceCount(); ++v) {
        const rt::VoiceMeter& m = region.voiceMeter(v);
        const std::uint32_t bad = m.nonfiniteBlocks.load(std::memory_order_relaxed);
        const std::uint32_t corrupt = m.corruptions.load(std::memory_order_relaxed);
        if (bad > nonfinite_[v]) faults.push_back({VoiceFaultKind::NonFinite, v});
        if (corrupt > corrupt_[v]) faults.push_back({VoiceFaultKind::Corrupt, v});
        nonfinite_[v] = bad;
        corrupt_[v] = corrupt;
    }
    return faults;
}

} // namespace govox::audio
