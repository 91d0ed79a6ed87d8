#include "app/govox/PlayCommand.hpp"

#include "app/govox/GoToolchain.hpp"
#include "app/govox/Paths.hpp"
#include "engine/midi/MidiInput.hpp"
#include "engine/session/AudioEngine.hpp"
#include "engine/session/VoiceSession.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <thread>

namespace govox::app {
namespace {

std::atomic<bool> interrupted{false};

void printEvent(const reload::SessionEvent& e, double at) {
    std::printf("[%7.2f s] %s: %s\n", at, reload::kindName(e.kind), e.message.c_str());
    for (const build::CompileError& c : e.errors)
        std::printf("            %s:%d:%d: %s\n", c.file.c_str(), c.line, c.column, c.message.c_str());
    for (const std::string& p : e.removedParams)
        std::printf("            parameter '%s' is gone from the new build (its value is kept)\n", p.c_str());
    if (!e.stack.empty()) std::printf("%s", e.stack.c_str());
    std::fflush(stdout);
}

struct PlayOptions {
    session::EngineConfig engine;
    session::VoiceSessionConfig voice;
    midi::MidiInputConfig midi;
    bool midiEnabled = true;
    std::vector<int> hold;
    double seconds = 0;
};

int play(const PlayOptions& o) {
    session::AudioEngine engine;
    if (std::string e = engine.start(o.engine); !e.empty())
        return std::fprintf(stderr, "govox play: %s\n", e.c_str()), 1;
    const auto& st = engine.status();
    if (!st.notice.empty()) std::fprintf(stderr, "govox play: %s\n", st.notice.c_str());
    session::VoiceSession voice(engine, o.voice);
    if (std::string e = voice.start(); !e.empty()) return std::fprintf(stderr, "govox play: %s\n", e.c_str()), 1;
    std::printf("govox play: '%s' through %s (device '%s', %u Hz, %u-frame buffer), latency %.1f ms%s\n",
                voice.name().c_str(), st.stream.backend.c_str(), st.stream.device.c_str(),
                st.stream.sampleRate, st.stream.bufferFrames, engine.latencyMs(o.voice.ringTargetFrames),
                o.voice.watch ? "; rebuilds on save" : "");
    midi::MidiInput midiIn;
    if (o.midiEnabled) {
        const std::string e = midiIn.open(o.midi, voice);
        if (!e.empty()) std::fprintf(stderr, "govox play: MIDI input unavailable: %s\n", e.c_str());
        for (const std::string& port : midiIn.opened()) std::printf("govox play: MIDI in: %s\n", port.c_str());
    }
    for (int note : o.hold) voice.noteOn(0, static_cast<std::uint8_t>(note), 100);
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    while (!interrupted && (o.seconds <= 0 || elapsed() < o.seconds)) {
        for (const reload::SessionEvent& e : voice.poll()) printEvent(e, elapsed());
        if (!engine.running()) return std::fprintf(stderr, "govox play: the audio stream stopped\n"), 1;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    midiIn.close();
    voice.allNotesOff();
    return 0;
}

} // namespace

int runPlayCommand(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("govox play");
    QCommandLineParser p;
    p.setApplicationDescription("Play a Go voice live, rebuilding it whenever its source is saved.");
    p.addHelpOption();
    p.addOptions({
        {"voice", "The voice's folder (a Go main package using the Govox SDK).", "dir"},
        {"watch", "Rebuild and swap the voice in whenever a .go file or go.mod is saved."},
        {"backend", "jack, alsa, pulse or null (default jack, falling back in that order).", "name", "jack"},
        {"device", "Output device name (default: the backend's default).", "name"},
        {"rate", "Sample rate in Hz.", "hz", "48000"},
        {"buffer", "Frames per audio callback.", "frames", "128"},
        {"ring", "Ring depth the voice host keeps, in frames (latency of held sounds).", "frames", "1024"},
        {"voices", "Voice slots.", "n", "32"},
        {"crossfade", "Crossfade between builds, in milliseconds.", "ms", "30"},
        {"midi", "MIDI input: alsa, jack or none.", "api", "alsa"},
        {"midi-connect", "Also connect MIDI input ports whose name contains this.", "name"},
        {"hold", "Hold this MIDI note from the start (repeatable), to hear reloads.", "note"},
        {"seconds", "Stop after this long (default: until Ctrl-C).", "s", "0"},
    });
    p.process(app);
    PlayOptions o;
    const std::string voiceDir = p.value("voice").toStdString();
    if (voiceDir.empty()) return std::fprintf(stderr, "govox play: --voice is required\n"), 2;
    if (!backend::parseBackendKind(p.value("backend").toStdString(), o.engine.backend) ||
        o.engine.backend == backend::BackendKind::Offline)
        return std::fprintf(stderr, "govox play: unknown backend '%s'\n", qPrintable(p.value("backend"))), 2;
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
    o.voice.watch = p.isSet("watch");
    const QString midiApi = p.value("midi");
    o.midiEnabled = midiApi != "none";
    o.midi.api = midiApi == "jack" ? midi::MidiApi::Jack : midi::MidiApi::Alsa;
    o.midi.connectTo = p.value("midi-connect").toStdString();
    for (const QString& n : p.values("hold")) o.hold.push_back(n.toInt());
    o.seconds = p.value("seconds").toDouble();
    if (o.voice.sdkDir.empty())
        return std::fprintf(stderr, "govox play: cannot find the Govox Go SDK (set GOVOX_SDK_DIR)\n"), 1;
    if (findGoTool().empty())
        return std::fprintf(stderr, "govox play: %s\n", missingGoAdvice().c_str()), 1;
    if (o.engine.stream.sampleRate == 0 || o.engine.stream.bufferFrames == 0 || o.voice.ringTargetFrames == 0 ||
        o.voice.voices == 0 || o.voice.voices > 128)
        return std::fprintf(stderr, "govox play: --rate, --buffer, --ring and --voices (1..128) must be positive\n"), 2;
    std::signal(SIGINT, [](int) { interrupted = true; });
    std::signal(SIGTERM, [](int) { interrupted = true; });
    return play(o);
}

} // namespace govox::app
