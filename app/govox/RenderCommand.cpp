#include "app/govox/RenderCommand.hpp"

#include "app/govox/GoToolchain.hpp"
#include "app/govox/Paths.hpp"
#include "engine/backend/OfflineBackend.hpp"
#include "engine/build/VoiceBuilder.hpp"
#include "engine/host/VoiceHost.hpp"
#include "engine/midi/MidiFile.hpp"
#include "engine/rt/Mixer.hpp"
#include "engine/session/LockstepGate.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <filesystem>

namespace govox::app {
namespace {

struct RenderOptions {
    std::string voiceDir, midiPath, outPath;
    std::uint32_t rate = 48000, block = 128, voices = 32;
    double maxTail = 30.0;
};

int fail(const std::string& message, const std::string& stack = {}) {
    std::fprintf(stderr, "govox render: %s\n", message.c_str());
    if (!stack.empty()) std::fprintf(stderr, "%s", stack.c_str());
    return 1;
}

int render(const RenderOptions& o) {
    const midi::MidiFileResult song = midi::readMidiFile(o.midiPath);
    if (!song.error.empty()) return fail(song.error);
    const std::string sdk = sdkDir();
    if (sdk.empty()) return fail("cannot find the Govox Go SDK (set GOVOX_SDK_DIR)");
    if (findGoTool().empty()) return fail(missingGoAdvice());
    const build::BuildResult built =
        build::buildVoice({.voiceDir = o.voiceDir, .outputDir = buildCacheDir(), .sdkDir = sdk});
    if (!built.ok) return fail("cannot build " + o.voiceDir + ": " + built.error + "\n" + built.output);
    struct RemoveLibrary {
        std::string path;
        ~RemoveLibrary() { std::filesystem::remove(path); }
    } cleanup{built.library};

    host::VoiceHostConfig config;
    config.name = std::filesystem::path(o.voiceDir).filename().string();
    config.library = built.library;
    config.hostBinary = voiceHostBinary();
    config.lockstep = true;
    config.region = {.voiceCount = o.voices,
                     .ringCapacityFrames = 4096,
                     .ringTargetFrames = 2048,
                     .sampleRate = o.rate,
                     .maxBlockFrames = o.block};
    host::HostProblem problem;
    auto host = host::VoiceHost::start(config, problem);
    if (!host) return fail(problem.message, problem.stack);

    rt::Mixer mixer({.sampleRate = o.rate, .maxBlockFrames = std::max(o.block, 256u)});
    auto regionMixer = mixer.makeRegionMixer(*host->region());
    mixer.add(regionMixer, 0);
    session::LockstepGate gate(*host, song.messages, o.rate, o.block, song.lengthSeconds, o.maxTail);
    backend::StreamRequest request;
    request.sampleRate = o.rate;
    request.bufferFrames = o.block;
    request.outputPath = o.outPath;
    request.offlineFrames = static_cast<std::uint64_t>((song.lengthSeconds + o.maxTail + 1) * o.rate);
    const std::string error = backend::renderOfflineToWav(request, mixer, &gate);
    if (!gate.error().empty()) return fail(gate.error(), gate.errorStack());
    if (!error.empty()) return fail(error);
    const auto frames = mixer.stats().engineFrame.load();
    std::printf("rendered %.2f s of %s through '%s' to %s (built in %.2f s)%s\n",
                double(frames) / o.rate, o.midiPath.c_str(), config.name.c_str(), o.outPath.c_str(),
                built.seconds, gate.cutShort() ? "; voices were still sounding at the tail limit" : "");
    return 0;
}

} // namespace

int runRenderCommand(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("govox render");
    QCommandLineParser p;
    p.setApplicationDescription("Render a MIDI file through a Go voice into a WAV file, offline.");
    p.addHelpOption();
    p.addOptions({
        {"voice", "The voice's folder (a Go main package using the Govox SDK).", "dir"},
        {"midi", "Standard MIDI File to play.", "file.mid"},
        {"out", "WAV file to write (32-bit float, stereo).", "file.wav"},
        {"rate", "Sample rate in Hz.", "hz", "48000"},
        {"block", "Frames per engine block.", "frames", "128"},
        {"voices", "Voice slots (polyphony headroom).", "n", "32"},
        {"max-tail", "Stop this many seconds after the song even if voices still sound.", "s", "30"},
    });
    p.process(app);
    RenderOptions o;
    o.voiceDir = p.value("voice").toStdString();
    o.midiPath = p.value("midi").toStdString();
    o.outPath = p.value("out").toStdString();
    o.rate = p.value("rate").toUInt();
    o.block = p.value("block").toUInt();
    o.voices = p.value("voices").toUInt();
    o.maxTail = p.value("max-tail").toDouble();
    if (o.voiceDir.empty() || o.midiPath.empty() || o.outPath.empty()) {
        std::fprintf(stderr, "govox render: --voice, --midi and --out are required\n");
        return 2;
    }
    if (o.rate < 8000 || o.block == 0 || o.block > 2048 || o.voices == 0 || o.voices > 128) {
        std::fprintf(stderr, "govox render: --rate, --block (1..2048) or --voices (1..128) out of range\n");
        return 2;
    }
    return render(o);
}

} // namespace govox::app
