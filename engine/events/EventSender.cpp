#include "engine/events/EventSender.hpp"

#include "engine/abi/SharedAtomic.hpp"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace govox::events {

EventSender::EventSender(shm::Region& region)
    : region_(region), write_(abi::loadAcquire(region.events().write.value)) {}

bool EventSender::send(const govox_event& event) {
    {
        std::lock_guard lock(mutex_);
        govox_event_queue& q = region_.events();
        const std::uint32_t read = abi::loadAcquire(q.read.value);
        if (write_ - read >= GOVOX_EVENT_CAPACITY) return false;
        q.events[write_ & (GOVOX_EVENT_CAPACITY - 1)] = event;
        abi::storeRelease(q.write.value, ++write_);
    }
    wakeHost();
    return true;
}

void EventSender::wakeHost() {
    govox_header& h = region_.header();
    abi::fetchAdd(h.wake_word, std::uint32_t{1});
    if (abi::loadAcquire(h.host_sleeping) != 0)
        syscall(SYS_futex, &h.wake_word, FUTEX_WAKE, 1, nullptr, nullptr, 0);
}

std::uint32_t EventSender::pending() const {
    std::lock_guard lock(mutex_);
    return write_ - abi::loadAcquire(region_.events().read.value);
}

namespace {
govox_event make(std::uint64_t frame, govox_event_type type, std::uint8_t channel) {
    govox_event e{};
    e.frame = frame;
    e.type = type;
    e.channel = channel;
    return e;
}
} // namespace

bool EventSender::noteOn(std::uint64_t frame, std::uint8_t channel, std::uint8_t note,
                         std::uint8_t velocity, std::uint32_t resumeFrames) {
    govox_event e = make(frame, GOVOX_EVENT_NOTE_ON, channel);
    e.data1 = note;
    e.data2 = velocity;
    e.resume_frames = resumeFrames;
    return send(e);
}

bool EventSender::noteOff(std::uint64_t frame, std::uint8_t channel, std::uint8_t note) {
    govox_event e = make(frame, GOVOX_EVENT_NOTE_OFF, channel);
    e.data1 = note;
    return send(e);
}

bool EventSender::controlChange(std::uint64_t frame, std::uint8_t channel, std::uint8_t controller,
                                std::uint8_t value) {
    govox_event e = make(frame, GOVOX_EVENT_CONTROL_CHANGE, channel);
    e.data1 = controller;
    e.data2 = value;
    return send(e);
}

bool EventSender::pitchBend(std::uint64_t frame, std::uint8_t channel, std::int32_t bend) {
    govox_event e = make(frame, GOVOX_EVENT_PITCH_BEND, channel);
    e.bend = bend;
    return send(e);
}

bool EventSender::allNotesOff(std::uint64_t frame, std::uint8_t channel) {
    return send(make(frame, GOVOX_EVENT_ALL_NOTES_OFF, channel));
}

bool EventSender::paramChange(std::uint64_t frame, std::uint32_t index, float value) {
    if (index >= GOVOX_MAX_PARAMS) return false;
    abi::storeFloatBits(region_.params().value_bits[index], value);
    govox_event e = make(frame, GOVOX_EVENT_PARAM_CHANGE, 0);
    e.param_index = index;
    e.param_value = value;
    return send(e);
}

} // namespace govox::events
