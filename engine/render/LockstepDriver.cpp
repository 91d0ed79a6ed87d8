#include "engine/render/LockstepDriver.hpp"

#include "engine/abi/SharedAtomic.hpp"

#include <cmath>
#include <cstdio>
#include <sched.h>
#include <thread>

namespace govox::render {

LockstepDriver::LockstepDriver(host::VoiceHost& host, const rt::RegionMixer& mixer,
                               LockstepPlan plan)
    : host_(host), mixer_(mixer), plan_(std::move(plan)),
      songEnd_(static_cast<std::uint64_t>(std::ceil(plan_.songSeconds * plan_.sampleRate))),
      hardEnd_(songEnd_ + static_cast<std::uint64_t>(plan_.maxTailSeconds * plan_.sampleRate)),
      blockDeadline_(plan_.blockDeadline + std::chrono::nanoseconds(static_cast<std::int64_t>(
                                               20e9 * plan_.blockFrames / plan_.sampleRate))) {}

bool LockstepDriver::beforeBlock(std::uint64_t frame) {
    if (!error_.empty()) return false;
    if (!checkFaults(frame)) return false;
    if (frame >= songEnd_ && next_ == plan_.messages.size() && voicesQuiet()) return false;
    if (frame >= hardEnd_) {
        cutShort_ = true;
        return false;
    }
    const std::uint64_t end = frame + plan_.blockFrames;
    return sendUpTo(end) && renderUpTo(end);
}

bool LockstepDriver::finish(std::uint64_t frame) {
    return error_.empty() && checkFaults(frame);
}

double LockstepDriver::secondsAt(std::uint64_t frame) const {
    return static_cast<double>(frame) / plan_.sampleRate;
}

bool LockstepDriver::fail(std::string message, std::string stack) {
    error_ = std::move(message);
    stack_ = std::move(stack);
    return false;
}

// The faults of the block that ended at `frame`.
bool LockstepDriver::checkFaults(std::uint64_t frame) {
    if (frame == 0) return true;
    const std::uint64_t blockStart = frame > plan_.blockFrames ? frame - plan_.blockFrames : 0;
    for (const audio::VoiceFault& f : faultCounts_.poll(mixer_)) {
        char at[48];
        std::snprintf(at, sizeof at, " at %.3f s", secondsAt(blockStart));
        const std::string line = f.describe(host_.config().name) + at;
        if (plan_.onFault == OnVoiceFault::Stop) return fail(line + "; the render stopped there");
        faults_.push_back(line + "; Govox silenced that note");
    }
    return true;
}

std::uint64_t LockstepDriver::frameAt(double seconds) const {
    return static_cast<std::uint64_t>(std::llround(seconds * plan_.sampleRate));
}

// The messages and the automation points before `end`, merged in time order (a point
// first at equal frames).
bool LockstepDriver::sendUpTo(std::uint64_t end) {
    for (;;) {
        const bool haveMessage = next_ < plan_.messages.size();
        const bool havePoint = nextPoint_ < plan_.automation.size();
        if (!haveMessage && !havePoint) return true;
        const std::uint64_t messageAt =
            haveMessage ? frameAt(plan_.messages[next_].seconds) : UINT64_MAX;
        const std::uint64_t pointAt =
            havePoint ? frameAt(plan_.automation[nextPoint_].seconds) : UINT64_MAX;
        const bool point = pointAt <= messageAt;
        const std::uint64_t at = point ? pointAt : messageAt;
        if (at >= end) return true;
        // The queue holds GOVOX_EVENT_CAPACITY events and the host takes them only as it
        // renders: let it render up to this event (or one frame on, if the queue is full
        // of events at this very frame), then send again.
        for (;;) {
            const bool sent =
                point ? host_.events().paramChange(at, plan_.automation[nextPoint_].index,
                                                   plan_.automation[nextPoint_].value)
                      : send(plan_.messages[next_], at);
            if (sent) break;
            if (!renderUpTo(std::max(at, doneFrame_ + 1))) return false;
        }
        ++(point ? nextPoint_ : next_);
    }
}

bool LockstepDriver::send(const midi::TimedMessage& m, std::uint64_t at) {
    events::EventSender& ev = host_.events();
    const std::uint8_t channel = m.status & 0x0F;
    switch (m.status & 0xF0) {
    case 0x90: return ev.noteOn(at, channel, m.data1, m.data2);
    case 0x80: return ev.noteOff(at, channel, m.data1);
    case 0xB0:
        return m.data1 == 123 ? ev.allNotesOff(at, channel)
                              : ev.controlChange(at, channel, m.data1, m.data2);
    case 0xE0: return ev.pitchBend(at, channel, (m.data2 << 7 | m.data1) - 8192);
    default: return true; // program change, aftertouch: not used by voices yet
    }
}

bool LockstepDriver::renderUpTo(std::uint64_t frame) {
    const govox_header& h = host_.region()->header();
    abi::storeRelease(host_.region()->header().lockstep_frame, frame);
    host_.events().wakeHost();
    const auto deadline = std::chrono::steady_clock::now() + blockDeadline_;
    for (int spin = 0;; ++spin) {
        if (abi::loadAcquire(h.lockstep_done_frame) >= frame) {
            doneFrame_ = frame;
            return true;
        }
        if (spin % 64 != 63) {
            sched_yield();
            continue;
        }
        const host::HostProblem p = host_.check();
        if (p.health != host::HostHealth::Running)
            return fail(p.message.empty() ? "the voice host stopped during the render" : p.message,
                        p.stack);
        if (std::chrono::steady_clock::now() > deadline) {
            host_.shutdown(std::chrono::milliseconds(0)); // it is not listening: killed
            char line[200];
            std::snprintf(line, sizeof line,
                          "voice '%s' did not render up to %.3f s within %.1f s: it is stuck "
                          "(a voice built with an older SDK, or blocked outside its calls); "
                          "Govox stopped it",
                          host_.config().name.c_str(), secondsAt(frame),
                          std::chrono::duration<double>(blockDeadline_).count());
            return fail(line);
        }
        std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
}

bool LockstepDriver::voicesQuiet() const {
    const shm::Region& r = *host_.region();
    for (std::uint32_t v = 0; v < r.voiceCount(); ++v)
        if (abi::loadAcquire(r.voice(v).state) != GOVOX_VOICE_FREE) return false;
    return true;
}

} // namespace govox::render
