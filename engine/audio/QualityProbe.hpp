// QualityProbe.hpp - reads, from a live voice, the figures audio::QualityGovernor judges,
// and publishes the hint it chooses.
//
// Aims
// - One reading of the figures for the app (VoiceSession::poll) and for the benchmarks
//   that drive a host without a session (tests/bench/quality_load_bench.cpp), so both
//   steer the same way.
// - Figures are since the last read: the ring margin is taken (exchanged) from the
//   meters, the render load is the host's render time since then over the wall time.
//
// Threads: one control thread per probe. The meters' low-fill figure is shared with the
// audio thread through a relaxed atomic; the region's fields through SharedAtomic.
#pragma once

#include "engine/audio/QualityGovernor.hpp"
#include "engine/rt/MixerStats.hpp"
#include "engine/rt/RegionMixer.hpp"
#include "engine/shm/Region.hpp"

#include <chrono>
#include <cstdint>

namespace govox::audio {

class QualityProbe {
public:
    using Clock = std::chrono::steady_clock;

    // The figures since the last read. regionMixer and mixer may be null (no ring margin,
    // no callback load). A new region (a new build) starts its render figure afresh.
    QualityFigures read(const shm::Region& region, const rt::RegionMixer* regionMixer,
                        const rt::MixerStats* mixer, Clock::time_point now);
    // Writes the hint the host reads before each chunk.
    static void publish(shm::Region& region, govox_quality quality) noexcept;

private:
    const shm::Region* region_ = nullptr;
    std::uint64_t renderNs_ = 0;
    Clock::time_point readAt_{};
};

} // namespace govox::audio
