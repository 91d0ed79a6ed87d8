#include "ui/studio/SnapshotBuilder.hpp"

#include <algorithm>

namespace govox::ui {
namespace {

SlotState slotState(rt::VoiceDisplayState s, bool crashed) {
    if (crashed && s != rt::VoiceDisplayState::Free) return SlotState::Crashed;
    switch (s) {
    case rt::VoiceDisplayState::Free: return SlotState::Free;
    case rt::VoiceDisplayState::Active: return SlotState::Active;
    case rt::VoiceDisplayState::Releasing: return SlotState::Releasing;
    case rt::VoiceDisplayState::Underrun: return SlotState::Underrun;
    case rt::VoiceDisplayState::Stopped: return SlotState::Stopped;
    }
    return SlotState::Free;
}

} // namespace

void SnapshotBuilder::resetUnderruns(const StudioSnapshot& current) {
    underrunBase_ += current.underruns;
    for (std::size_t i = 0; i < current.voiceSlots.size() && i < slotUnderrunBase_.size(); ++i)
        slotUnderrunBase_[i] += current.voiceSlots[i].underruns;
}

void SnapshotBuilder::fill(StudioSnapshot& s, const audio::AudioEngine& engine,
                           const session::VoiceSession* voice, const StudioState& state) {
    s.time = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
    const audio::EngineStatus& st = engine.status();
    s.running = engine.running();
    s.backend = st.stream.backend;
    s.device = st.stream.device;
    s.sampleRate = st.stream.sampleRate;
    s.bufferFrames = st.stream.bufferFrames;
    s.ringTargetFrames = state.ringTargetFrames;
    s.latencyMs = engine.latencyMs(state.ringTargetFrames);
    s.noteLatencyMs = engine.noteLatencyMs();
    s.midiMessages = state.midiMessages;
    s.heldNotes = state.heldNotes;
    if (const rt::MixerStats* ms = engine.stats()) {
        const double period = std::max(1u, ms->periodNs.load());
        const std::uint64_t underruns = ms->underruns.load();
        s.callbacks = ms->callbacks.load();
        s.xruns = ms->xruns.load();
        s.underruns = underruns - std::min(underrunBase_, underruns);
        s.callbackLoadLast = ms->load.lastNs.load() / period;
        s.callbackLoadP99 = ms->load.windowP99Ns.load() / period;
        s.callbackLoadMax = ms->load.windowMaxNs.load() / period;
        s.corruptions = ms->corruptions.load();
        s.lateStarts = ms->lateStarts.load();
        s.peakLeft = ms->peakLeft.load();
        s.peakRight = ms->peakRight.load();
    }
    s.voiceName = voice ? voice->name() : std::string{};
    s.voiceCrashed = state.voiceCrashed;
    const std::uint32_t region = voice ? voice->regionId() : 0;
    if (region != baseRegion_) { // a new build: its counters start at zero
        baseRegion_ = region;
        slotUnderrunBase_.clear();
    }
    const rt::RegionMixer* rm = engine.regionMixer(region);
    const session::HostFigures host = voice ? voice->hostFigures() : session::HostFigures{};
    s.voiceSlots.resize(rm ? rm->voiceCount() : 0);
    slotUnderrunBase_.resize(s.voiceSlots.size(), 0);
    for (std::uint32_t v = 0; rm && v < rm->voiceCount(); ++v) {
        const rt::VoiceMeter& meter = rm->voiceMeter(v);
        SlotView& slot = s.voiceSlots[v];
        const std::uint32_t underruns = meter.underruns.load();
        slot.fillFrames = meter.fillFrames.load(std::memory_order_relaxed);
        slot.targetFrames = host.ringTargetFrames;
        slot.capacityFrames = host.ringCapacityFrames;
        slot.state =
            slotState(static_cast<rt::VoiceDisplayState>(meter.state.load()), state.voiceCrashed);
        slot.underruns = underruns - std::min(slotUnderrunBase_[v], underruns);
    }
    s.hostAlive = host.alive && !state.voiceCrashed;
    s.quality = voice ? audio::qualityName(host.quality) : "";
    s.qualityWhy = host.qualityWhy;
    s.ringLatency = voice && host.alive && host.rollback == GOVOX_ROLLBACK_NONE;
    s.gcPauseP99Ms = double(host.gcPauseP99Ns) / 1e6;
    s.gcPauseMaxMs = double(host.gcPauseMaxNs) / 1e6;
    s.gcCycles = host.gcCycles;
    s.heapBytes = host.heapBytes;
    s.goroutines = host.goroutines;
    s.activeVoices = host.activeVoices;
}

} // namespace govox::ui
