#include "engine/standin/ToneVoiceHost.hpp"
#include "engine/rt/RegionRing.hpp"

#include "engine/abi/SharedAtomic.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <time.h>
#include <unistd.h>

namespace govox::standin {
namespace {

std::uint64_t nowNs() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000ull +
           static_cast<std::uint64_t>(ts.tv_nsec);
}

} // namespace

ToneVoiceHost::ToneVoiceHost(shm::Region& region)
    : region_(region), voices_(region.voiceCount()),
      scratch_(std::size_t{region.ringCapacity()} * rt::kChannels),
      sampleRate_(region.header().sample_rate) {
    for (std::uint32_t i = 0; i < region.voiceCount(); ++i)
        voices_[i].writer = rt::FrameRingWriter(rt::regionRing(region, i),
                                                abi::loadAcquire(region.voice(i).write_index));
}

ToneVoiceHost::~ToneVoiceHost() {
    stopThread();
}

void ToneVoiceHost::markReady() {
    govox_header& h = region_.header();
    abi::storeRelease(h.library_abi_version, GOVOX_ABI_VERSION);
    abi::storeRelease(h.host_pid, static_cast<std::uint32_t>(getpid()));
    abi::storeRelease(h.host_state, std::uint32_t{GOVOX_HOST_READY});
    abi::fetchAdd(region_.hostStats().heartbeat, std::uint64_t{1});
}

bool ToneVoiceHost::noteOn(std::uint32_t voice, const Tone& tone) {
    std::lock_guard lock(mutex_);
    if (voice >= voices_.size()) return false;
    govox_voice_slot& slot = region_.voice(voice);
    if (!abi::compareExchange(slot.state, std::uint32_t{GOVOX_VOICE_FREE},
                              std::uint32_t{GOVOX_VOICE_STARTING}))
        return false;
    slot.priority = tone.priority;
    slot.note = static_cast<std::uint32_t>(
        std::lround(69.0 + 12.0 * std::log2(std::max(tone.frequency, 1.0) / 440.0)));
    slot.velocity = 100;
    slot.channel = 0;
    abi::storeFloatBits(slot.gain_bits, 1.0f);
    abi::storeFloatBits(slot.pan_bits, tone.pan);
    Voice& v = voices_[voice];
    v.phase = Phase::Sounding;
    v.tone = tone;
    v.phaseAcc = 0.0;
    v.envelope = 0.0f;
    v.firstBlock = true;
    fillVoice(voice, v); // the first block, then ACTIVE: note-on latency ~ one block
    return true;
}

void ToneVoiceHost::noteOff(std::uint32_t voice) {
    std::lock_guard lock(mutex_);
    if (voice >= voices_.size() || voices_[voice].phase != Phase::Sounding) return;
    voices_[voice].phase = Phase::Releasing;
    abi::compareExchange(region_.voice(voice).state, std::uint32_t{GOVOX_VOICE_ACTIVE},
                         std::uint32_t{GOVOX_VOICE_RELEASING});
}

std::uint32_t ToneVoiceHost::fillOnce() {
    std::lock_guard lock(mutex_);
    std::uint32_t written = 0;
    for (std::uint32_t i = 0; i < voices_.size(); ++i)
        if (voices_[i].phase != Phase::Idle) written += fillVoice(i, voices_[i]);
    govox_host_stats& stats = region_.hostStats();
    abi::fetchAdd(stats.heartbeat, std::uint64_t{1});
    abi::storeRelease(stats.heartbeat_ns, nowNs());
    return written;
}

std::uint32_t ToneVoiceHost::fillVoice(std::uint32_t index, Voice& v) {
    govox_voice_slot& slot = region_.voice(index);
    const std::uint32_t state = abi::loadAcquire(slot.state);
    if (state == GOVOX_VOICE_STOP_REQUESTED) { // the engine stopped it: acknowledge
        abi::compareExchange(slot.state, state, std::uint32_t{GOVOX_VOICE_FINISHED});
        v.phase = Phase::Idle;
        return 0;
    }
    const std::uint32_t space = v.writer.space();
    const std::uint32_t fill = region_.ringCapacity() - space;
    const std::uint32_t target = abi::loadAcquire(region_.header().ring_target_frames);
    std::uint32_t want = target > fill ? std::min(target - fill, space) : 0;
    if (v.firstBlock) want = std::min(want, region_.header().max_block_frames);
    if (want == 0) return 0;
    const std::uint32_t n = render(v, want);
    v.writer.write(scratch_.data(), n);
    if (v.firstBlock) {
        v.firstBlock = false;
        abi::compareExchange(slot.state, std::uint32_t{GOVOX_VOICE_STARTING},
                             std::uint32_t{GOVOX_VOICE_ACTIVE});
    }
    if (v.phase == Phase::Releasing && v.envelope <= 0.0f) {
        v.phase = Phase::Idle;
        if (!abi::compareExchange(slot.state, std::uint32_t{GOVOX_VOICE_RELEASING},
                                  std::uint32_t{GOVOX_VOICE_FINISHED}))
            abi::compareExchange(slot.state, std::uint32_t{GOVOX_VOICE_ACTIVE},
                                 std::uint32_t{GOVOX_VOICE_FINISHED});
    }
    return n;
}

// Renders up to `frames` frames into scratch_; stops early when the release ends.
std::uint32_t ToneVoiceHost::render(Voice& v, std::uint32_t frames) {
    const double step = 2.0 * std::numbers::pi * v.tone.frequency / sampleRate_;
    const float attack = 1.0f / std::max(1.0f, v.tone.attackMs * 0.001f * float(sampleRate_));
    const float release = 1.0f / std::max(1.0f, v.tone.releaseMs * 0.001f * float(sampleRate_));
    std::uint32_t i = 0;
    for (; i < frames; ++i) {
        if (v.phase == Phase::Releasing) {
            v.envelope -= release;
            if (v.envelope <= 0.0f) {
                v.envelope = 0.0f;
                break;
            }
        } else {
            v.envelope = std::min(1.0f, v.envelope + attack);
        }
        const float s = v.tone.amplitude * v.envelope * static_cast<float>(std::sin(v.phaseAcc));
        scratch_[2 * i] = s;
        scratch_[2 * i + 1] = s;
        v.phaseAcc += step;
        if (v.phaseAcc > 2.0 * std::numbers::pi) v.phaseAcc -= 2.0 * std::numbers::pi;
    }
    return i;
}

void ToneVoiceHost::startThread(std::chrono::microseconds period) {
    if (running_.exchange(true)) return;
    thread_ = std::thread([this, period] {
        std::unique_lock lock(wakeMutex_);
        while (running_.load()) {
            lock.unlock();
            fillOnce();
            lock.lock();
            wake_.wait_for(lock, period, [this] { return !running_.load(); });
        }
    });
}

void ToneVoiceHost::stopThread() {
    {
        std::lock_guard lock(wakeMutex_);
        if (!running_.exchange(false)) return;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

} // namespace govox::standin
