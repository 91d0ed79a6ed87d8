#include "tests/bench/LiveRig.hpp"

#include "engine/abi/SharedAtomic.hpp"
#include "tests/bench/GoVoices.hpp"
#include "tests/support/load/MachineLoad.hpp"

#include <chrono>
#include <unistd.h>

namespace govox::bench {

std::unique_ptr<LiveRig> LiveRig::start(const LiveRigConfig& config, std::string& error) {
    host::HostProblem problem;
    auto host =
        host::VoiceHost::start(hostConfig(config.name, config.library, config.region), problem);
    if (!host) {
        error = problem.message;
        return nullptr;
    }
    std::unique_ptr<LiveRig> rig(new LiveRig(config, std::move(host)));
    auto rm = rig->mixer_.makeRegionMixer(*rig->host_->region());
    rig->regionMixer_ = rm.get();
    rig->mixer_.add(rm, 0);
    backend::StreamRequest request;
    request.sampleRate = config.region.sampleRate;
    request.bufferFrames = config.region.maxBlockFrames;
    error = rig->backend_.start(request, rig->timed_);
    if (!error.empty()) return nullptr;
    return rig;
}

LiveRig::LiveRig(const LiveRigConfig& config, std::unique_ptr<host::VoiceHost> host)
    : host_(std::move(host)), mixer_({.sampleRate = config.region.sampleRate,
                                      .maxBlockFrames = config.region.maxBlockFrames}),
      timed_(mixer_, config.maxTimedCallbacks) {}

LiveRig::~LiveRig() {
    backend_.stop();
    if (host_) host_->shutdown();
}

bool LiveRig::noteOn(std::uint8_t channel, std::uint8_t note, std::uint8_t velocity) {
    return host_->events().noteOn(mixer_.stats().engineFrame.load(), channel, note, velocity);
}

bool LiveRig::setParam(std::uint32_t index, float value) {
    const std::uint64_t now = mixer_.stats().engineFrame.load();
    return host_->events().paramChange(now + mixer_.maxBlockFrames(), index, value);
}

RigSnapshot LiveRig::snapshot() const {
    RigSnapshot s;
    s.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
    const rt::MixerStats& m = mixer_.stats();
    s.callbacks = m.callbacks.load();
    s.xruns = m.xruns.load();
    s.underruns = m.underruns.load();
    s.nonfinite = m.nonfiniteBlocks.load();
    s.corruptions = m.corruptions.load();
    s.soundingVoices = m.soundingVoices.load();
    for (std::uint32_t v = 0; v < regionMixer_->voiceCount(); ++v)
        s.voicesUnderrun += regionMixer_->voiceMeter(v).underruns.load() > 0;
    const govox_host_stats& h = host_->region()->hostStats();
    s.renderNs = abi::loadRelaxed(h.render_ns_total);
    s.framesRendered = abi::loadRelaxed(h.frames_rendered);
    s.chunksRendered = abi::loadRelaxed(h.chunks_rendered);
    s.gcCycles = abi::loadRelaxed(h.gc_cycles);
    s.gcPauseTotalNs = abi::loadRelaxed(h.gc_pause_total_ns);
    s.gcPauseP99Ns = abi::loadRelaxed(h.gc_pause_p99_ns);
    s.gcPauseMaxNs = abi::loadRelaxed(h.gc_pause_max_ns);
    s.heapBytes = abi::loadRelaxed(h.heap_bytes);
    for (std::uint32_t v = 0; v < host_->region()->voiceCount(); ++v)
        s.rewrites += abi::loadRelaxed(host_->region()->voice(v).rewrite_seq) / 2;
    s.hostCpuSeconds = processCpuSeconds(host_->pid());
    s.selfCpuSeconds = processCpuSeconds(getpid());
    s.busySeconds = machineBusySeconds();
    return s;
}

govox_quality LiveRig::steerQuality(audio::QualityGovernor& governor, audio::QualityProbe& probe) {
    const auto now = std::chrono::steady_clock::now();
    shm::Region& region = *host_->region();
    const govox_quality q =
        governor.update(probe.read(region, regionMixer_, &mixer_.stats(), now), now);
    audio::QualityProbe::publish(region, q);
    return q;
}

std::string LiveRig::hostProblem() {
    const host::HostProblem p = host_->check();
    return p.health == host::HostHealth::Running ? std::string{} : p.message;
}

} // namespace govox::bench
