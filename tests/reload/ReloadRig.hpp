// ReloadRig.hpp - a voice copied into a temporary folder, played live by a VoiceSession
// through the null backend, with everything the engine outputs captured for analysis
// and the session's events collected.
#pragma once

#include "engine/audio/AudioEngine.hpp"
#include "engine/rt/OutputTap.hpp"
#include "engine/session/SessionEvent.hpp"
#include "engine/session/VoiceSession.hpp"

#include <atomic>
#include <chrono>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace govox::test {

class ReloadRig {
public:
    static constexpr std::uint32_t kRate = 48000;

    // Copies go-plugins/<voice> into a fresh temporary folder and starts playing it.
    explicit ReloadRig(const std::string& voice);
    ~ReloadRig();

    session::VoiceSession& session() { return *session_; }
    audio::AudioEngine& engine() { return engine_; }
    std::filesystem::path source() const { return dir_ / "main.go"; }
    const std::filesystem::path& buildDir() const { return buildDir_; }
    std::string startError() const { return startError_; }

    // Editors: replace the whole file by writing a new one and renaming it over (vim, VS
    // Code), or by rewriting it in place.
    void saveByRename(const std::string& text);
    void saveInPlace(const std::string& text);
    std::string sourceText() const;

    // Polls the session until an event of one of `kinds` arrives (and returns it) or the
    // deadline passes (an event with an empty message).
    session::SessionEvent waitFor(std::initializer_list<session::SessionEventKind> kinds,
                                  std::chrono::seconds timeout = std::chrono::seconds(90));
    // Lets `seconds` of audio play, polling the session meanwhile.
    void play(double seconds);

    // Frames captured so far (left channel) and where capture is now.
    std::vector<float> captured() const;
    std::size_t capturedFrames() const;
    std::uint64_t underruns() const;
    // Whether drained audio is kept (a long test measuring memory keeps none).
    void keepAudio(bool keep) { keep_ = keep; }
    const std::vector<session::SessionEvent>& events() const { return events_; }

private:
    void drain();

    std::filesystem::path dir_, buildDir_;
    audio::AudioEngine engine_;
    std::unique_ptr<session::VoiceSession> session_;
    std::shared_ptr<rt::OutputTap> tap_;
    std::string startError_;
    mutable std::mutex captureMutex_;
    std::vector<float> left_;
    std::atomic<bool> draining_{true};
    std::atomic<bool> keep_{true};
    std::deque<session::SessionEvent> pending_; // polled but not yet waited for
    std::thread drainer_;
    std::vector<session::SessionEvent> events_;
};

// Frequency from positive-going zero crossings over [from, to).
double zeroCrossingHz(const std::vector<float>& x, std::size_t from, std::size_t to);
// Largest sample-to-sample step over [from, to).
float largestStep(const std::vector<float>& x, std::size_t from, std::size_t to);

} // namespace govox::test
