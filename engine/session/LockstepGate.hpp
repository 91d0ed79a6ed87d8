// LockstepGate.hpp - drives a voice host through an offline render, block by block.
//
// Before each block it sends the block's MIDI events, asks the host to render every
// voice up to the block's end (lockstep_frame) and waits until it has (see "Lockstep" in
// govox_abi.h), watching the host's health meanwhile. It ends the render once the song
// is over and every voice has gone quiet, or a tail limit is reached.
//
// Threads: the offline render thread (BlockGate::beforeBlock may block).
#pragma once

#include "engine/backend/BlockGate.hpp"
#include "engine/host/VoiceHost.hpp"
#include "engine/midi/MidiFile.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace govox::session {

class LockstepGate final : public backend::BlockGate {
public:
    LockstepGate(host::VoiceHost& host, std::vector<midi::TimedMessage> messages,
                 std::uint32_t sampleRate, std::uint32_t blockFrames, double songSeconds,
                 double maxTailSeconds);

    bool beforeBlock(std::uint64_t frame) override;

    // Why the render stopped early (the host crashed or hung); empty if it did not.
    const std::string& error() const noexcept { return error_; }
    const std::string& errorStack() const noexcept { return stack_; }
    // True if voices were still sounding when the tail limit cut the render.
    bool cutShort() const noexcept { return cutShort_; }

private:
    void sendUpTo(std::uint64_t frame);
    bool waitForHost(std::uint64_t frame);
    bool voicesQuiet() const;

    host::VoiceHost& host_;
    std::vector<midi::TimedMessage> messages_;
    std::size_t next_ = 0;
    std::uint32_t sampleRate_;
    std::uint32_t blockFrames_;
    std::uint64_t songEnd_;
    std::uint64_t hardEnd_;
    std::string error_;
    std::string stack_;
    bool cutShort_ = false;
};

} // namespace govox::session
