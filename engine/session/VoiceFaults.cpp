#include "engine/session/VoiceFaults.hpp"

namespace govox::session {

std::vector<std::string> VoiceFaults::poll(const rt::RegionMixer& region,
                                           const std::string& instrument) {
    std::vector<std::string> messages;
    nonfinite_.resize(region.voiceCount(), 0);
    corrupt_.resize(region.voiceCount(), 0);
    for (std::uint32_t v = 0; v < region.voiceCount(); ++v) {
        const rt::VoiceMeter& m = region.voiceMeter(v);
        const std::uint32_t bad = m.nonfiniteBlocks.load(std::memory_order_relaxed);
        const std::uint32_t corrupt = m.corruptions.load(std::memory_order_relaxed);
        if (bad > nonfinite_[v])
            messages.push_back("voice '" + instrument + "' (slot " + std::to_string(v) +
                               ") produced NaN or infinite samples; Govox silenced that note");
        if (corrupt > corrupt_[v])
            messages.push_back("voice '" + instrument + "' (slot " + std::to_string(v) +
                               ") wrote impossible ring indices or states; Govox silenced that note");
        nonfinite_[v] = bad;
        corrupt_[v] = corrupt;
    }
    return messages;
}

} // namespace govox::session
