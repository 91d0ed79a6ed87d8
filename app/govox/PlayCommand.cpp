#include "app/govox/PlayCommand.hpp"

#include "app/govox/GoToolchain.hpp"
#include "app/govox/ParamArgs.hpp"
#include "app/govox/Paths.hpp"
#include "app/govox/TuningArgs.hpp"
#include "engine/audio/AudioEngine.hpp"
#include "engine/audio/OutputReturn.hpp"
#include "engine/midi/MidiInput.hpp"
#include "engine/session/VoiceSession.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <thread>

namespace govox::app {
namespace {

std::atomic<bool> interrupted{false};

void printEvent(const session::SessionEvent& e, double at) {
    std::printf("[%7.2f s] %s: %s\n", at, session::kindName(e.kind), e.message.c_str());
    for (const build::CompileError& c : e.errors)
        std::printf("            %s:%d:%d: %s\n", c.file.c_str(), c.line, c.column,
                    c.message.c_str());
    for (const std::string& p : e.removedParams)
        std::printf("            parameter '%s' is gone from the new build (its value is kept)\n",
                    p.c_str());
    if (!e.stack.empty()) std::printf("%s", e.stack.c_str());
    std::fflush(stdout);
}

struct PlayOptions {
    audio::EngineConfig engine;
    session::VoiceSessionConfig voice;
    midi::MidiInputConfig midi;
    bool midiEnabled = true;
    std::vector<int> hold;
    ParamAssignments params; // --set NAME=VALUE, before any note
    double seconds = 0;
};

// The stream, the voice on it, MIDI into the voice and the held notes: what `govox play`
// opens at the start and again when the stream dies under it (the JACK server stopped,
// the interface was unplugged) or the backend asked for is back after a fallback.
class Player {
public:
    explicit Player(const PlayOptions& o) : o_(o) {}
    ~Player() { close(); }

    std::string open() {
        close();
        if (std::string e = engine_.start(o_.engine); !e.empty()) return e;
        const auto& st = engine_.status();
        if (!st.notice.empty()) std::fprintf(stderr, "govox play: %s\n", st.notice.c_str());
        voice_ = std::make_unique<session::VoiceSession>(engine_, o_.voice);
        if (std::string e = voice_->start(); !e.empty()) return e;
        std::printf("govox play: '%s' through %s (device '%s', %u Hz, %u-frame buffer), latency "
                    "%.1f ms for notes, up to %.1f ms for changes to sounding notes%s\n",
                    voice_->name().c_str(), st.stream.backend.c_str(), st.stream.device.c_str(),
                    st.stream.sampleRate, st.stream.bufferFrames, engine_.noteLatencyMs(),
                    engine_.latencyMs(o_.voice.ringTargetFrames),
                    o_.voice.watch == session::WatchSource::Yes ? "; rebuilds on save" : "");
        if (o_.midiEnabled) {
            const std::string e = midi_.open(o_.midi, *voice_);
            if (!e.empty())
                std::fprintf(stderr, "govox play: MIDI input unavailable: %s\n", e.c_str());
            for (const std::string& port : midi_.opened())
                std::printf("govox play: MIDI in: %s\n", port.c_str());
        }
        for (const auto& [name, value] : o_.params)
            if (!voice_->setParam(name, value))
                std::fprintf(stderr, "govox play: '%s' has no parameter '%s'\n",
                             voice_->name().c_str(), name.c_str());
        for (int note : o_.hold) voice_->noteOn(0, static_cast<std::uint8_t>(note), 100);
        std::fflush(stdout);
        return {};
    }

    void close() {
        midi_.close(); // before the voice it plays into
        if (voice_) voice_->allNotesOff();
        voice_.reset();
        engine_.stop();
    }

    audio::AudioEngine& engine() { return engine_; }
    session::VoiceSession* voice() { return voice_.get(); }

private:
    const PlayOptions& o_;
    audio::AudioEngine engine_;
    std::unique_ptr<session::VoiceSession> voice_;
    midi::MidiInput midi_;
};

int play(const PlayOptions& o) {
    Player player(o);
    if (std::string e = player.open(); !e.empty())
        return std::fprintf(stderr, "govox play: %s\n", e.c_str()), 1;
    // Back to the output asked for once it is listed again (the policy the window uses).
    audio::OutputReturn outputReturn;
    const audio::ChosenOutput chosen{o.engine.backend, o.engine.stream.device};
    outputReturn.started(chosen, player.engine().running(), player.engine().status().stream);
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    double lastLook = 0; // reopening and looking for the chosen backend: every 2 s at most
    while (!interrupted && (o.seconds <= 0 || elapsed() < o.seconds)) {
        if (session::VoiceSession* voice = player.voice())
            for (const session::SessionEvent& e : voice->poll()) printEvent(e, elapsed());
        if (elapsed() - lastLook >= 2.0) {
            const bool dead = !player.engine().running();
            if (dead || outputReturn.watching()) lastLook = elapsed();
            const bool back = !dead && outputReturn.lookNow();
            if (dead) {
                const std::string why = player.engine().streamError();
                std::fprintf(stderr, "govox play: the audio stream stopped%s%s; reopening it\n",
                             why.empty() ? "" : ": ", why.c_str());
            } else if (back) {
                std::fprintf(stderr, "govox play: %s is back; going back to it\n",
                             backend::backendName(o.engine.backend));
            }
            if (dead || back) {
                if (std::string e = player.open(); !e.empty()) {
                    player.close(); // so the next look tries again
                    std::fprintf(stderr, "govox play: cannot reopen the audio: %s (trying again)\n",
                                 e.c_str());
                }
                outputReturn.started(chosen, player.engine().running(),
                                     player.engine().status().stream);
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return 0;
}

} // namespace

int runPlayCommand(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("govox play");
    QCommandLineParser p;
    p.setApplicationDescription(
        "Play a Go voice live, rebuilding it whenever its source is saved.");
    p.addHelpOption();
    p.addOptions({
        {"voice", "The voice's folder (a Go main package using the Govox SDK).", "dir"},
        {"watch", "Rebuild and swap the voice in whenever a .go file or go.mod is saved."},
        {"backend", "jack, alsa, pulse or null (default jack, falling back in that order).", "name",
         "jack"},
        {"device", "Output device name (default: the backend's default).", "name"},
        {"rate", "Sample rate in Hz.", "hz", "48000"},
        {"buffer", "Frames per audio callback.", "frames", "128"},
        {"ring", "Ring depth the voice host keeps, in frames (latency of held sounds).", "frames",
         "1024"},
        {"voices", "Voice slots.", "n", "32"},
        {"crossfade", "Crossfade between builds, in milliseconds.", "ms", "30"},
        {"midi", "MIDI input: alsa, jack or none.", "api", "alsa"},
        {"midi-connect", "Also connect MIDI input ports whose name contains this.", "name"},
        {"hold", "Hold this MIDI note from the start (repeatable), to hear reloads.", "note"},
        {"set", "Set a parameter before the first note (repeatable; clamped to its range).",
         "name=value"},
        {"seconds", "Stop after this long (default: until Ctrl-C).", "s", "0"},
    });
    p.addOptions(tuningOptions());
    p.process(app);
    PlayOptions o;
    const std::string voiceDir = p.value("voice").toStdString();
    if (voiceDir.empty()) return std::fprintf(stderr, "govox play: --voice is required\n"), 2;
    if (!backend::parseBackendKind(p.value("backend").toStdString(), o.engine.backend) ||
        o.engine.backend == backend::BackendKind::Offline)
        return std::fprintf(stderr, "govox play: unknown backend '%s'\n",
                            qPrintable(p.value("backend"))),
               2;
    o.engine.stream.device = p.value("device").toStdString();
    o.engine.stream.sampleRate = p.value("rate").toUInt();
    o.engine.stream.bufferFrames = p.value("buffer").toUInt();
    o.voice.voiceDir = std::filesystem::absolute(voiceDir).lexically_normal().string();
    o.voice.sdkDir = sdkDir();
    o.voice.hostBinary = voiceHostBinary();
    o.voice.buildDir = buildCacheDir();
    o.voice.ringTargetFrames = p.value("ring").toUInt();
    o.voice.voices = p.value("voices").toUInt();
    o.voice.crossfade = std::chrono::milliseconds(p.value("crossfade").toUInt());
    o.voice.watch = p.isSet("watch") ? session::WatchSource::Yes : session::WatchSource::No;
    const QString midiApi = p.value("midi");
    o.midiEnabled = midiApi != "none";
    o.midi.api = midiApi == "jack" ? midi::MidiApi::Jack : midi::MidiApi::Alsa;
    o.midi.connectTo = p.value("midi-connect").toStdString();
    for (const QString& n : p.values("hold")) o.hold.push_back(n.toInt());
    if (std::string error; !parseParamAssignments(p.values("set"), o.params, error))
        return std::fprintf(stderr, "govox play: %s\n", error.c_str()), 2;
    if (std::string error; !applyTuningOptions(p, error))
        return std::fprintf(stderr, "govox play: %s\n", error.c_str()), 2;
    o.seconds = p.value("seconds").toDouble();
    if (o.voice.sdkDir.empty())
        return std::fprintf(stderr,
                            "govox play: cannot find the Govox Go SDK (set GOVOX_SDK_DIR)\n"),
               1;
    if (findGoTool().empty())
        return std::fprintf(stderr, "govox play: %s\n", missingGoAdvice().c_str()), 1;
    if (o.engine.stream.sampleRate == 0 || o.engine.stream.bufferFrames == 0 ||
        o.voice.ringTargetFrames == 0 || o.voice.voices == 0 || o.voice.voices > 128)
        return std::fprintf(
                   stderr,
                   "govox play: --rate, --buffer, --ring and --voices (1..128) must be positive\n"),
               2;
    std::signal(SIGINT, [](int) { interrupted = true; });
    std::signal(SIGTERM, [](int) { interrupted = true; });
    return play(o);
}

} // namespace govox::app
