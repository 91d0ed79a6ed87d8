#include "app/govox/RenderCommand.hpp"

#include "app/govox/GoToolchain.hpp"
#include "app/govox/Paths.hpp"
#include "engine/backend/OfflineBackend.hpp"
#include "engine/build/VoiceBuilder.hpp"
#include "engine/host/VoiceHost.hpp"
#include "engine/midi/MidiFile.hpp"
#include "engine/rt/Mixer.hpp"
#include "engine/session/LockstepGate.hpp"
#include "ui/presetbrowser/PresetFit.hpp"
#include "ui/presets/PresetCodec.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <filesystem>

namespace govox::app {
namespace {

struct RenderOptions {
    std::string voiceDir, midiPath, outPath;
    std::string presetPath; // optional: values set before the first note
    std::uint32_t rate = 48000, block = 128, voices = 32;
    double maxTail = 30.0;
};

int fail(const std::string& message, const std::string& stack = {}) {
    std::fprintf(stderr, "govox render: %s\n", message.c_str());
    if (!stack.empty()) std::fprintf(stderr, "%s", stack.c_str());
    return 1;
}

// The voice's identity as presets name it: its folder's name, as the app's voice session
// names it ("pad/" and "./pad" are "pad" too).
std::string voiceIdentity(const std::string& voiceDir) {
    std::filesystem::path p = std::filesystem::absolute(voiceDir).lexically_normal();
    if (p.filename().empty()) p = p.parent_path();
    return p.filename().string();
}

// A preset read and checked before the build (a wrong file fails at once), or an error.
std::string readPresetFor(const RenderOptions& o, presets::Preset& preset) {
    if (o.presetPath.empty()) return {};
    const presets::PresetReadResult read = presets::readPresetFile(QString::fromStdString(o.presetPath));
    if (!read.ok()) return read.error.toStdString();
    preset = read.preset;
    const QString voice = QString::fromStdString(voiceIdentity(o.voiceDir));
    return presets::checkPresetVoice(preset, voice).toStdString();
}

// Sets the preset's values in the host before the first block (frame 0), as the window
// would: clamped into range with a warning, names the voice lacks reported and skipped.
void applyPreset(host::VoiceHost& host, const presets::Preset& preset, const std::string& voice) {
    const presetbrowser::PresetFit fit =
        presetbrowser::fitPreset(preset, QString::fromStdString(voice), host.params());
    for (const QString& line : fit.report.lines())
        std::fprintf(stderr, "govox render: warning: preset '%s': %s\n", qPrintable(preset.name),
                     qPrintable(line));
    for (const host::ParamInfo& p : host.params())
        if (const auto it = fit.values.constFind(QString::fromStdString(p.name)); it != fit.values.cend())
            host.events().paramChange(0, p.index, static_cast<float>(it.value()));
    std::printf("preset '%s': %lld of %zu parameters set\n", qPrintable(preset.name),
                static_cast<long long>(fit.values.size()), host.params().size());
}

int render(const RenderOptions& o) {
    const midi::MidiFileResult song = midi::readMidiFile(o.midiPath);
    if (!song.error.empty()) return fail(song.error);
    presets::Preset preset;
    if (const std::string error = readPresetFor(o, preset); !error.empty()) return fail(error);
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
    config.name = voiceIdentity(o.voiceDir);
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
    if (!o.presetPath.empty()) applyPreset(*host, preset, config.name);

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
        {"preset", "A preset of the voice (.govoxpreset): its values are set before the first "
                   "note; out-of-range values are clamped with a warning.", "file"},
    });
    p.process(app);
    RenderOptions o;
    o.voiceDir = p.value("voice").toStdString();
    o.midiPath = p.value("midi").toStdString();
    o.outPath = p.value("out").toStdString();
    o.presetPath = p.value("preset").toStdString();
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
