// LockstepDriver.hpp - drives a voice host through an offline render, block by block.
//
// Aims
// - Before each block it sends the block's MIDI events, asks the host to render every
//   voice up to the block's end (lockstep_frame) and waits until it has (see "Lockstep"
//   in govox_abi.h). It ends the render once the song is over and every voice has gone
//   quiet, or when a tail limit is reached.
// - Every wait on the host has a deadline. The SDK ends a host whose voice stays inside
//   one call (NoteOn, NoteOff, Render, ParamChanged...) for 300 ms and says which; the
//   watchdog (VoiceHost::check) catches a host whose heartbeat stops; and a block the
//   host has not finished within the block deadline stops the render with a message
//   naming the voice and the time, whatever the voice was built with.
// - After every block the mixer's fault counters are read, so a voice that produced NaN
//   is reported with the time it happened; with OnVoiceFault::Stop the render ends there.
// - A block with more events than the queue holds is split at the event that did not
//   fit: the host renders up to that event's frame and drains the queue, and sending goes
//   on, so a dense MIDI file can never wait for a host that waits for it.
//
// Threads: the offline render thread (beforeBlock blocks while the host renders).
#pragma once

#include "engine/audio/VoiceFaults.hpp"
#include "engine/backend/BlockGate.hpp"
#include "engine/host/VoiceHost.hpp"
#include "engine/midi/MidiFile.hpp"
#include "engine/render/ParamPoint.hpp"
#include "engine/rt/RegionMixer.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace govox::render {

// What a render does when a voice produces NaN or infinite samples (the mixer silences
// the note either way, as it does live).
enum class OnVoiceFault {
    Stop,    // the render fails there, saying which voice, slot and time
    Continue // the render goes on; the faults are listed in the outcome
};

struct LockstepPlan {
    std::vector<midi::TimedMessage> messages; // in time order
    std::vector<ParamPoint> automation;       // in time order; sent merged with the messages
    double songSeconds = 0;
    double maxTailSeconds = 30; // stop this long after the song even if voices still sound
    std::uint32_t sampleRate = 48000;
    std::uint32_t blockFrames = 128;
    OnVoiceFault onFault = OnVoiceFault::Stop;
    // The longest the host may take over one block, beyond 20x the block's own length.
    std::chrono::milliseconds blockDeadline{2000};
};

class LockstepDriver final : public backend::BlockGate {
public:
    // `mixer` mixes the host's region (for its fault counters); both outlive the driver.
    LockstepDriver(host::VoiceHost& host, const rt::RegionMixer& mixer, LockstepPlan plan);

    bool beforeBlock(std::uint64_t frame) override;
    // Reads the fault counters of the last block rendered; call once the render has ended.
    // False if a fault stopped it (see error()).
    bool finish(std::uint64_t frame);

    // Why the render stopped early (the host crashed, hung or was stuck, or a voice
    // fault); empty if it did not.
    const std::string& error() const noexcept { return error_; }
    const std::string& errorStack() const noexcept { return stack_; }
    // Voice faults met and rendered past (OnVoiceFault::Continue), one line each.
    const std::vector<std::string>& faults() const noexcept { return faults_; }
    // True if voices were still sounding when the tail limit cut the render.
    bool cutShort() const noexcept { return cutShort_; }
    // The most frames a render of this plan can take (the song, the tail and a block).
    std::uint64_t frameLimit() const noexcept { return hardEnd_ + plan_.blockFrames; }

private:
    bool sendUpTo(std::uint64_t end);
    bool send(const midi::TimedMessage& m, std::uint64_t at);
    std::uint64_t frameAt(double seconds) const;
    bool renderUpTo(std::uint64_t frame);
    bool checkFaults(std::uint64_t frame);
    bool voicesQuiet() const;
    bool fail(std::string message, std::string stack = {});
    double secondsAt(std::uint64_t frame) const;

    host::VoiceHost& host_;
    const rt::RegionMixer& mixer_;
    LockstepPlan plan_;
    audio::VoiceFaults faultCounts_;
    std::size_t next_ = 0;        // the next message to send
    std::size_t nextPoint_ = 0;   // the next automation point to send
    std::uint64_t doneFrame_ = 0; // the host has rendered every voice up to here
    std::uint64_t songEnd_;
    std::uint64_t hardEnd_;
    std::chrono::nanoseconds blockDeadline_;
    std::string error_;
    std::string stack_;
    std::vector<std::string> faults_;
    bool cutShort_ = false;
};

} // namespace govox::render
