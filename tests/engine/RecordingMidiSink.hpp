// RecordingMidiSink.hpp - a MidiSink for tests that records what reaches it as text
// ("on 0 60 100", "off 0 60", "cc 0 7 64", "bend 0 8191", "panic") and lets the test
// wait for a number of messages, whichever thread delivers them.
#pragma once

#include "engine/midi/MidiSink.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace govox::midi {

class RecordingMidiSink final : public MidiSink {
public:
    using Texts = std::vector<std::string>;

    void noteOn(const rt::EventTime& at, std::uint8_t ch, std::uint8_t n, std::uint8_t v) override {
        add(at, "on " + std::to_string(ch) + " " + std::to_string(n) + " " + std::to_string(v));
    }
    void noteOff(const rt::EventTime& at, std::uint8_t ch, std::uint8_t n) override {
        add(at, "off " + std::to_string(ch) + " " + std::to_string(n));
    }
    void controlChange(const rt::EventTime& at, std::uint8_t ch, std::uint8_t c,
                       std::uint8_t v) override {
        add(at, "cc " + std::to_string(ch) + " " + std::to_string(c) + " " + std::to_string(v));
    }
    void pitchBend(const rt::EventTime& at, std::uint8_t ch, std::int32_t b) override {
        add(at, "bend " + std::to_string(ch) + " " + std::to_string(b));
    }
    void allNotesOff(const rt::EventTime& at) override { add(at, "panic"); }
    using MidiSink::allNotesOff;
    using MidiSink::controlChange;
    using MidiSink::noteOff;
    using MidiSink::noteOn;
    using MidiSink::pitchBend;

    // When each message recorded so far happened, in the same order.
    std::vector<rt::EventTime> times() {
        std::lock_guard lock(mutex_);
        return times_;
    }

    // Waits (5 s at most) until `count` messages have arrived; returns them all.
    Texts waitFor(std::size_t count) {
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, std::chrono::seconds(5), [&] { return got_.size() >= count; });
        return got_;
    }
    Texts takeAll() {
        std::lock_guard lock(mutex_);
        times_.clear();
        return std::exchange(got_, {});
    }

private:
    void add(const rt::EventTime& at, std::string s) {
        std::lock_guard lock(mutex_);
        got_.push_back(std::move(s));
        times_.push_back(at);
        changed_.notify_all();
    }
    std::mutex mutex_;
    std::condition_variable changed_;
    Texts got_;
    std::vector<rt::EventTime> times_;
};

} // namespace govox::midi
