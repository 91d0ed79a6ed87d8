// HostRoute.hpp - which voice hosts the player's events go to, what is being played, and
// the parameter values, kept across builds.
//
// Aims
// - The player (MIDI, the on-screen keyboard, the parameter knobs) sends to the route, not
//   to a host: during a swap events reach both the old and the new build, so a note struck
//   while a reload is under way sounds in whichever build is heard.
// - What is playing (held notes, pedal, wheels) is recorded here, and replayed into a new
//   host under the same lock that routes events, so nothing played during the replay is
//   lost or doubled.
// - Parameter values are held by name (case-insensitive) across builds: a new build gets
//   every value it declares a parameter for, new parameters start at their defaults, and
//   values of parameters a build no longer has are kept should a later build bring them
//   back.
// - Events are stamped with the engine frame they take effect at: their time, one host
//   buffer on (AudioEngine::scheduleFrame).
//
// Threads: the player calls from any non-real-time thread; the reload worker calls
// carryParams/beginSwap/abandonSwap/completeSwap from its thread; one mutex orders them.
// Never the audio thread.
#pragma once

#include "engine/audio/AudioEngine.hpp"
#include "engine/events/PlayingState.hpp"
#include "engine/host/VoiceHost.hpp"
#include "engine/midi/MidiSink.hpp"

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace govox::reload {

class HostRoute final : public midi::MidiSink {
public:
    explicit HostRoute(const audio::AudioEngine& engine) : engine_(engine) {}

    // --- the player -------------------------------------------------------------------
    // Each event is sent for the frame AudioEngine::scheduleFrame gives its time.
    void noteOn(const rt::EventTime& at, std::uint8_t channel, std::uint8_t note,
                std::uint8_t velocity) override;
    void noteOff(const rt::EventTime& at, std::uint8_t channel, std::uint8_t note) override;
    void controlChange(const rt::EventTime& at, std::uint8_t channel, std::uint8_t controller,
                       std::uint8_t value) override;
    void pitchBend(const rt::EventTime& at, std::uint8_t channel, std::int32_t bend) override;
    void allNotesOff(const rt::EventTime& at) override;
    using MidiSink::allNotesOff;
    using MidiSink::controlChange;
    using MidiSink::noteOff;
    using MidiSink::noteOn;
    using MidiSink::pitchBend;
    // Sets a parameter by name (clamped to its range) in every routed host, for the frame
    // of `at`; false if the running build has no parameter so named.
    bool setParam(const std::string& name, float value,
                  const rt::EventTime& at = rt::EventTime::now());
    // The value last set or carried for `name`; 0 if none.
    float paramValue(const std::string& name) const;
    // The running build's parameters; empty with none.
    std::vector<host::ParamInfo> params() const;
    std::shared_ptr<host::VoiceHost> current() const;
    // The mixer's id for the running build's region; 0 with none.
    std::uint32_t regionId() const;
    // Events the running build's queue refused (it was full: the host is not reading it)
    // since the last call.
    std::uint32_t takeDropped() noexcept { return dropped_.exchange(0, std::memory_order_relaxed); }

    // --- the reload worker --------------------------------------------------------------
    // Sets in `next` every value it has a parameter for (the rest start at their defaults),
    // replays what is playing into it, and from then on routes every event to it too - all
    // under one lock, so a knob turned or a key struck meanwhile reaches `next` exactly
    // once. Returns the names of the running build's parameters that `next` lacks.
    std::vector<std::string> beginSwap(std::shared_ptr<host::VoiceHost> next,
                                       events::HeldNotes notes);
    // The swap did not happen: events go to the running build only again.
    void abandonSwap();
    // The new host becomes the running one, mixed as `regionId`; `switched` runs under the
    // lock at that moment. Returns the host it replaced (null if none).
    std::shared_ptr<host::VoiceHost> completeSwap(std::uint32_t regionId,
                                                  const std::function<void()>& switched);
    // Routes nothing any more; returns the running host and its region id.
    std::pair<std::shared_ptr<host::VoiceHost>, std::uint32_t> clear();

private:
    std::vector<std::string> carryParams(host::VoiceHost& next); // under mutex_
    void send(std::uint64_t frame,
              const std::function<bool(events::EventSender&, std::uint64_t)>& event);

    const audio::AudioEngine& engine_;
    mutable std::mutex mutex_;
    std::shared_ptr<host::VoiceHost> current_;
    std::shared_ptr<host::VoiceHost> next_; // during a swap, events go to both
    std::uint32_t regionId_ = 0;
    events::PlayingState playing_;
    std::map<std::string, float> values_; // by lower-case name, kept across builds
    std::atomic<std::uint32_t> dropped_{0};
};

} // namespace govox::reload
