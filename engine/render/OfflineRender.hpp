// OfflineRender.hpp - a song rendered through a Go voice, offline and bit-identically:
// the one pipeline `govox render`, the tests and the benchmarks share.
//
// Aims
// - One place wires the offline path: a voice host in lockstep mode, the real-time
//   Mixer (the same code that plays live, so what is rendered is what is heard), and a
//   LockstepDriver that steps the host block by block under deadlines.
// - Every failure comes back as one message naming the voice and the cause: a host that
//   will not start, crashes, hangs or stays inside one of the voice's calls; a voice that
//   produces NaN (unless OnVoiceFault::Continue); a file that cannot be written.
// - A WAV is written under a temporary name beside the target and renamed over it only
//   when complete, so a failed render leaves nothing at the path (and a file that was
//   there is untouched).
//
// Threads: one thread, which blocks for the whole render. One render per object: the
// host's voices and clock are spent by it.
#pragma once

#include "engine/host/VoiceHost.hpp"
#include "engine/midi/MidiFile.hpp"
#include "engine/render/LockstepDriver.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace govox::render {

struct OfflineRenderConfig {
    std::string voiceName;  // in messages: the voice's folder name
    std::string library;    // the built voice library
    std::string hostBinary; // govox-voicehost
    std::uint32_t sampleRate = 48000;
    std::uint32_t blockFrames = 128; // frames per lockstep block (the SDK's chunking follows)
    std::uint32_t voices = 32;       // voice slots
    double maxTailSeconds = 30;      // stop this long after the song even if voices sound
    OnVoiceFault onFault = OnVoiceFault::Stop;
    std::chrono::milliseconds blockDeadline{2000}; // see LockstepPlan
    // What the voices may spend (Context.Quality): offline there is no deadline, so the
    // best unless asked otherwise.
    govox_quality quality = GOVOX_QUALITY_HIGH;
};

struct Song {
    std::vector<midi::TimedMessage> messages; // in time order
    double seconds = 0;                       // the song's length (its last event)
};

struct StereoBuffer {
    std::vector<float> left, right;
};

struct RenderOutcome {
    std::string error; // empty when the render is complete
    std::string stack; // a Go stack with the error, when there is one
    std::uint64_t frames = 0;
    bool cutShort = false;           // voices still sounded at the tail limit
    std::vector<std::string> faults; // faults rendered past (OnVoiceFault::Continue)
    bool ok() const noexcept { return error.empty(); }
    static RenderOutcome failed(std::string why) {
        RenderOutcome out;
        out.error = std::move(why);
        return out;
    }
};

class OfflineRender {
public:
    // Starts the voice host; null with `failure` saying why when it cannot.
    static std::unique_ptr<OfflineRender> start(const OfflineRenderConfig& config,
                                                host::HostProblem& failure);
    ~OfflineRender();
    OfflineRender(const OfflineRender&) = delete;
    OfflineRender& operator=(const OfflineRender&) = delete;

    // The voice's parameters, as it declares them.
    const std::vector<host::ParamInfo>& params() const noexcept;
    // Sets a parameter before the render, clamped to its range: it holds from frame 0.
    // False if there is no parameter with that index.
    bool setParam(std::uint32_t index, float value);
    // Parameter automation for the render, in time order: each point applied on its frame
    // (see LockstepPlan::automation). Replaces any given before.
    void automate(std::vector<ParamPoint> points) { automation_ = std::move(points); }

    // Renders `song` into a float32 stereo WAV at `wavPath`, atomically (see Aims).
    RenderOutcome renderToWav(const Song& song, const std::string& wavPath);
    // Renders `song` into memory.
    RenderOutcome renderToMemory(const Song& song, StereoBuffer& out);

private:
    class BlockSink;
    class WavSink;
    class MemorySink;

    explicit OfflineRender(const OfflineRenderConfig& config);
    RenderOutcome run(const Song& song, BlockSink& sink);

    OfflineRenderConfig config_;
    std::unique_ptr<host::VoiceHost> host_;
    bool rendered_ = false;
    std::vector<ParamPoint> automation_;
};

} // namespace govox::render
