#include "tests/bench/LockstepRender.hpp"

#include "engine/abi/SharedAtomic.hpp"
#include "engine/session/LockstepGate.hpp"
#include "tests/bench/GoVoices.hpp"

#include <algorithm>
#include <bit>

namespace govox::bench {

StereoRender renderNoteLockstep(const std::string& library, std::uint8_t note,
                                std::uint8_t velocity, std::uint32_t frames) {
    constexpr std::uint32_t kRate = 48000;
    if (frames == 0 || frames > GOVOX_MAX_RING_FRAMES) return {{}, {}, "bad frame count"};
    // The ring holds the whole note: nothing reads it while the host renders.
    const std::uint32_t capacity = std::max(GOVOX_MIN_RING_FRAMES, std::bit_ceil(frames));
    auto config = hostConfig("lockstep", library,
                             {.voiceCount = 1,
                              .ringCapacityFrames = capacity,
                              .ringTargetFrames = capacity,
                              .sampleRate = kRate,
                              .maxBlockFrames = 128});
    config.lockstep = true;
    host::HostProblem problem;
    auto host = host::VoiceHost::start(config, problem);
    if (!host) return {{}, {}, problem.message};

    session::LockstepGate gate(*host, {{0.0, 0x90, note, velocity}}, kRate, frames,
                               static_cast<double>(frames) / kRate, 0.0);
    if (!gate.beforeBlock(0)) return {{}, {}, "lockstep render failed: " + gate.error()};
    const shm::Region& region = *host->region();
    if (abi::loadAcquire(region.voice(0).write_index) < frames)
        return {{}, {}, "the voice wrote fewer frames than asked for"};
    StereoRender out;
    const float* ring = region.ringFrames(0);
    for (std::uint32_t i = 0; i < frames; ++i) {
        out.left.push_back(ring[2 * i]);
        out.right.push_back(ring[2 * i + 1]);
    }
    return out;
}

} // namespace govox::bench
