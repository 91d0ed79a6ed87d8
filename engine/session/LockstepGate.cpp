#include "engine/session/LockstepGate.hpp"

#include "engine/abi/SharedAtomic.hpp"

#include <chrono>
#include <cmath>
#include <sched.h>
#include <thread>

namespace govox::session {

LockstepGate::LockstepGate(host::VoiceHost& host, std::vector<midi::TimedMessage> messages,
                           std::uint32_t sampleRate, std::uint32_t blockFrames,
                           double songSeconds, double maxTailSeconds)
    : host_(host), messages_(std::move(messages)), sampleRate_(sampleRate),
      blockFrames_(blockFrames),
      songEnd_(static_cast<std::uint64_t>(std::ceil(songSeconds * sampleRate))),
      hardEnd_(songEnd_ + static_cast<std::uint64_t>(maxTailSeconds * sampleRate)) {}

bool LockstepGate::beforeBlock(std::uint64_t frame) {
    if (frame >= songEnd_ && next_ == messages_.size() && voicesQuiet()) return false;
    if (frame >= hardEnd_) {
        cutShort_ = true;
        return false;
    }
    const std::uint64_t end = frame + blockFrames_;
    sendUpTo(end);
    abi::storeRelease(host_.region()->header().lockstep_frame, end);
    host_.events().wakeHost();
    return waitForHost(end);
}

void LockstepGate::sendUpTo(std::uint64_t end) {
    events::EventSender& ev = host_.events();
    for (; next_ < messages_.size(); ++next_) {
        const midi::TimedMessage& m = messages_[next_];
        const auto at = static_cast<std::uint64_t>(std::llround(m.seconds * sampleRate_));
        if (at >= end) break;
        const std::uint8_t channel = m.status & 0x0F;
        // The queue holds 1024 events; a denser block waits for the host to catch up.
        bool sent = false;
        while (!sent) {
            switch (m.status & 0xF0) {
            case 0x90: sent = ev.noteOn(at, channel, m.data1, m.data2); break;
            case 0x80: sent = ev.noteOff(at, channel, m.data1); break;
            case 0xB0:
                sent = m.data1 == 123 ? ev.allNotesOff(at, channel)
                                      : ev.controlChange(at, channel, m.data1, m.data2);
                break;
            case 0xE0: sent = ev.pitchBend(at, channel, (m.data2 << 7 | m.data1) - 8192); break;
            default: sent = true; // program change, aftertouch: not used by voices yet
            }
            if (!sent) std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
    }
}

bool LockstepGate::waitForHost(std::uint64_t frame) {
    const govox_header& h = host_.region()->header();
    for (int spin = 0;; ++spin) {
        if (abi::loadAcquire(h.lockstep_done_frame) >= frame) return true;
        if (spin % 64 == 63) {
            const host::HostProblem p = host_.check();
            if (p.health != host::HostHealth::Running) {
                error_ = p.message.empty() ? "the voice host stopped during the render" : p.message;
                stack_ = p.stack;
                return false;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(50));
        } else {
            sched_yield();
        }
    }
}

bool LockstepGate::voicesQuiet() const {
    const shm::Region& r = *host_.region();
    for (std::uint32_t v = 0; v < r.voiceCount(); ++v)
        if (abi::loadAcquire(r.voice(v).state) != GOVOX_VOICE_FREE) return false;
    return true;
}

} // namespace govox::session
