// SnapshotBuilder.hpp - assembles a StudioSnapshot from the engine's counters, the voice
// session's figures and the keys held, and keeps the underrun counts' baselines (what
// "Reset" subtracted; a new build's counters start at zero).
//
// Threads: the UI thread (the Studio's timer). It reads the audio thread's atomics.
#pragma once

#include "engine/audio/AudioEngine.hpp"
#include "engine/session/VoiceSession.hpp"
#include "ui/studio/StudioSnapshot.hpp"

#include <chrono>
#include <cstdint>
#include <vector>

namespace govox::ui {

// What the Studio knows besides the engine and the session.
struct StudioState {
    std::uint32_t ringTargetFrames = 0;
    std::uint64_t midiMessages = 0;
    std::bitset<128> heldNotes;
    bool voiceCrashed = false; // its host is down, as the session last said
};

class SnapshotBuilder {
public:
    SnapshotBuilder() : started_(std::chrono::steady_clock::now()) {}

    // Fills `s`; `voice` is null when none is open.
    void fill(StudioSnapshot& s, const audio::AudioEngine& engine,
              const session::VoiceSession* voice, const StudioState& state);
    // From now on the underrun counts start from those `current` shows.
    void resetUnderruns(const StudioSnapshot& current);
    // A new audio stream: its counters start at zero.
    void streamRestarted() { baseRegion_ = 0; }

private:
    std::chrono::steady_clock::time_point started_;
    std::uint64_t underrunBase_ = 0;
    std::vector<std::uint32_t> slotUnderrunBase_;
    std::uint32_t baseRegion_ = 0;
};

} // namespace govox::ui
