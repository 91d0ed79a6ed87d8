// StudioSnapshot.hpp - everything the window shows about the engine, the voice and its
// host, copied out of the engine's atomics at one instant (30 times a second).
//
// Widgets draw from snapshots only, never from the engine: the engine stays free of
// Qt, and a widget can be tested by feeding it snapshots made up by the test.
//
// Threads: plain values, made on the UI thread by the Studio and read there by the widgets.
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <vector>

namespace govox::ui {

// One voice slot as its meter shows it.
enum class SlotState : std::uint8_t { Free, Active, Releasing, Underrun, Stopped, Crashed };

struct SlotView {
    std::uint32_t fillFrames = 0;     // frames waiting in the ring
    std::uint32_t targetFrames = 0;   // the fill the host aims for (ring depth)
    std::uint32_t capacityFrames = 0; // the ring's size
    SlotState state = SlotState::Free;
    std::uint32_t underruns = 0; // since the voice's build started or the last reset
};

struct StudioSnapshot {
    double time = 0.0; // seconds since the studio started, steady clock

    // The audio stream.
    bool running = false;
    std::string backend; // "jack", "alsa", "pulse", "qt", "null"
    std::string device;
    std::uint32_t sampleRate = 0;
    std::uint32_t bufferFrames = 0;
    std::uint32_t ringTargetFrames = 0;
    double latencyMs = 0.0;     // changes to notes of a voice without rollback: + ring
    double noteLatencyMs = 0.0; // a note-on, and a change with rollback: buffer + device
    std::uint64_t callbacks = 0;
    std::uint64_t xruns = 0;
    std::uint64_t underruns = 0;   // every voice, since start or the last reset
    double callbackLoadLast = 0.0; // callback time / buffer period, last callback
    double callbackLoadP99 = 0.0;  // over the last window (about a second)
    double callbackLoadMax = 0.0;  // the longest callback of that window
    std::uint64_t corruptions = 0; // impossible ring indices or slot states a host wrote
    std::uint64_t lateStarts = 0;  // notes the voice host started after their frame
    float peakLeft = 0.0f;         // of the last block, linear
    float peakRight = 0.0f;

    // The voice.
    std::string voiceName;            // empty when none is loaded
    bool voiceCrashed = false;        // its host is down (the banner says why)
    std::vector<SlotView> voiceSlots; // ("slots" is a Qt keyword)

    // The voice host (Go runtime figures through runtime/metrics).
    bool hostAlive = false;
    std::string quality;       // the engine's quality hint for the voice: "low", "normal", "high"
    std::string qualityWhy;    // what set it ("ring at 24 % of its target", "headroom")
    bool ringLatency = false;  // the voice has no rollback: changes wait behind its ring
    double gcPauseP99Ms = 0.0; // over the host's last 100 ms window
    double gcPauseMaxMs = 0.0;
    std::uint64_t gcCycles = 0;
    std::uint64_t heapBytes = 0;
    std::uint32_t goroutines = 0;
    std::uint32_t activeVoices = 0;

    // Playing.
    std::uint64_t midiMessages = 0; // received so far (an activity light blinks on change)
    std::bitset<128> heldNotes;     // keys down now, from any source (MIDI, mouse, keys)
};

} // namespace govox::ui
