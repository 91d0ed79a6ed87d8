#include "engine/audio/QualityProbe.hpp"

#include "engine/abi/SharedAtomic.hpp"

#include <algorithm>
#include <thread>

namespace govox::audio {

QualityFigures QualityProbe::read(const shm::Region& region, const rt::RegionMixer* regionMixer,
                                  const rt::MixerStats* mixer, Clock::time_point now) {
    const govox_header& h = region.header();
    const double target = abi::loadRelaxed(h.ring_target_frames);
    const double rate = h.sample_rate;
    QualityFigures f;
    if (regionMixer != nullptr && target > 0) {
        std::uint32_t low = rt::VoiceMeter::kNoLowFill;
        for (std::uint32_t v = 0; v < regionMixer->voiceCount(); ++v)
            low = std::min(low, regionMixer->voiceMeter(v).lowFillFrames.exchange(
                                    rt::VoiceMeter::kNoLowFill, std::memory_order_relaxed));
        if (low != rt::VoiceMeter::kNoLowFill) f.ringMargin = low / target;
    }
    if (mixer != nullptr && mixer->periodNs.load() > 0)
        f.callbackLoad = double(mixer->load.windowMaxNs.load()) / mixer->periodNs.load();
    // Wall time, not CPU time: a host that waits for the CPU is as late as a busy one.
    const std::uint64_t renderNs = abi::loadRelaxed(region.hostStats().render_ns_total);
    if (&region == region_ && renderNs >= renderNs_) {
        const double wallNs = std::chrono::duration<double, std::nano>(now - readAt_).count();
        const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
        if (wallNs > 0) f.renderLoad = double(renderNs - renderNs_) / wallNs / cores;
    }
    region_ = &region;
    renderNs_ = renderNs;
    readAt_ = now;
    if (target > 0 && rate > 0)
        f.gcShare =
            double(abi::loadRelaxed(region.hostStats().gc_pause_max_ns)) / (1e9 * target / rate);
    return f;
}

void QualityProbe::publish(shm::Region& region, govox_quality quality) noexcept {
    abi::storeRelaxed(region.header().quality_hint, static_cast<std::uint32_t>(quality));
}

} // namespace govox::audio
