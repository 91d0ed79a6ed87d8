#include "app/govox/RenderCommand.hpp"

#include "app/govox/GoToolchain.hpp"
#include "app/govox/ParamArgs.hpp"
#include "app/govox/Paths.hpp"
#include "app/govox/TuningArgs.hpp"
#include "engine/build/VoiceBuilder.hpp"
#include "engine/midi/MidiFile.hpp"
#include "engine/render/OfflineRender.hpp"
#include "ui/presets/MidiAutomation.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/presets/PresetFit.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace govox::app {
namespace {

struct RenderOptions {
    std::string voiceDir, midiPath, outPath;
    std::string presetPath; // optional: values set before the first note
    std::uint32_t rate = 48000, block = 128, voices = 32;
    double maxTail = 30.0;
    render::OnVoiceFault onFault = render::OnVoiceFault::Stop;
    govox_quality quality = GOVOX_QUALITY_HIGH;
    ParamAssignments params; // --set NAME=VALUE, after the preset
};

// "low", "normal" or "high" (any case); false for anything else.
bool parseQuality(const QString& text, govox_quality& quality) {
    const QString t = text.toLower();
    if (t == "low")
        quality = GOVOX_QUALITY_LOW;
    else if (t == "normal")
        quality = GOVOX_QUALITY_NORMAL;
    else if (t == "high")
        quality = GOVOX_QUALITY_HIGH;
    else
        return false;
    return true;
}

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
    const presets::PresetReadResult read =
        presets::readPresetFile(QString::fromStdString(o.presetPath));
    if (!read.ok()) return read.error.toStdString();
    preset = read.preset;
    const QString voice = QString::fromStdString(voiceIdentity(o.voiceDir));
    return presets::checkPresetVoice(preset, voice).toStdString();
}

// Sets the preset's values before the first block (frame 0), as the window would:
// clamped into range with a warning, names the voice lacks reported and skipped.
void applyPreset(render::OfflineRender& renderer, const presets::Preset& preset,
                 const std::string& voice) {
    const presets::PresetFit fit =
        presets::fitPreset(preset, QString::fromStdString(voice), renderer.params());
    for (const QString& line : fit.report.lines())
        std::fprintf(stderr, "govox render: warning: preset '%s': %s\n", qPrintable(preset.name),
                     qPrintable(line));
    for (const host::ParamInfo& p : renderer.params())
        if (const auto it = fit.values.constFind(QString::fromStdString(p.name));
            it != fit.values.cend())
            renderer.setParam(p.index, static_cast<float>(it.value()));
    std::printf("preset '%s': %lld of %zu parameters set\n", qPrintable(preset.name),
                static_cast<long long>(fit.values.size()), renderer.params().size());
}

// The --set values, by name (case-insensitive), clamped as the window clamps them.
std::string setParams(render::OfflineRender& renderer, const ParamAssignments& params) {
    for (const auto& [name, value] : params) {
        const auto& all = renderer.params();
        const auto it = std::find_if(all.begin(), all.end(), [&](const host::ParamInfo& p) {
            return QString::fromStdString(p.name).compare(QString::fromStdString(name),
                                                          Qt::CaseInsensitive) == 0;
        });
        if (it == all.end()) return "no parameter '" + name + "'";
        renderer.setParam(it->index, value);
    }
    return {};
}

int renderSong(const RenderOptions& o) {
    const midi::MidiFileResult song = midi::readMidiFile(o.midiPath);
    if (!song.error.empty()) return fail(song.error);
    presets::Preset preset;
    if (const std::string error = readPresetFor(o, preset); !error.empty()) return fail(error);
    const std::string sdk = sdkDir();
    if (sdk.empty()) return fail("cannot find the Govox Go SDK (set GOVOX_SDK_DIR)");
    if (findGoTool().empty()) return fail(missingGoAdvice());
    const build::BuildResult built =
        build::buildVoice({.voiceDir = o.voiceDir, .outputDir = buildCacheDir(), .sdkDir = sdk});
    if (!built.ok)
        return fail("cannot build " + o.voiceDir + ": " + built.error + "\n" + built.output);
    struct RemoveLibrary {
        std::string path;
        ~RemoveLibrary() { std::filesystem::remove(path); }
    } cleanup{built.library};

    const std::string voice = voiceIdentity(o.voiceDir);
    host::HostProblem problem;
    auto renderer = render::OfflineRender::start({.voiceName = voice,
                                                  .library = built.library,
                                                  .hostBinary = voiceHostBinary(),
                                                  .sampleRate = o.rate,
                                                  .blockFrames = o.block,
                                                  .voices = o.voices,
                                                  .maxTailSeconds = o.maxTail,
                                                  .onFault = o.onFault,
                                                  .quality = o.quality},
                                                 problem);
    if (!renderer) return fail(problem.message, problem.stack);
    if (!o.presetPath.empty()) applyPreset(*renderer, preset, voice);
    if (std::string error = setParams(*renderer, o.params); !error.empty())
        return fail(voice + ": " + error);
    // The preset's MIDI-learn mappings turn the file's mapped controllers into parameter
    // automation, on their frames, as the window would play them.
    presets::MappedSong mapped{song.messages, {}};
    if (!o.presetPath.empty() && !preset.midiMap.isEmpty()) {
        mapped = presets::applyMidiMappings(song.messages, preset.midiMap, renderer->params());
        if (!mapped.automation.empty())
            std::printf("preset '%s': %zu controller messages move parameters (MIDI learn)\n",
                        qPrintable(preset.name), mapped.automation.size());
    }
    renderer->automate(std::move(mapped.automation));
    const render::RenderOutcome out =
        renderer->renderToWav({std::move(mapped.messages), song.lengthSeconds}, o.outPath);
    if (!out.ok()) {
        const bool fault = o.onFault == render::OnVoiceFault::Stop &&
                           out.error.find("the render stopped there") != std::string::npos;
        return fail(out.error +
                        (fault ? " (--keep-going renders on, with such notes silenced)" : "") +
                        "; nothing was written to " + o.outPath,
                    out.stack);
    }
    for (const std::string& f : out.faults)
        std::fprintf(stderr, "govox render: warning: %s\n", f.c_str());
    std::printf("rendered %.2f s of %s through '%s' to %s (built in %.2f s)%s\n",
                double(out.frames) / o.rate, o.midiPath.c_str(), voice.c_str(), o.outPath.c_str(),
                built.seconds,
                out.cutShort ? "; voices were still sounding at the tail limit" : "");
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
        {"max-tail", "Stop this many seconds after the song even if voices still sound.", "s",
         "30"},
        {"quality",
         "What the voices may spend (their Context.Quality): low, normal or high. Offline "
         "there is no deadline to meet, so high unless you want to hear what the voice "
         "sounds like when a live machine is busy.",
         "low|normal|high", "high"},
        {"keep-going", "Render on past a voice that produces NaN or infinite samples (those notes "
                       "are silenced, as when playing live) instead of failing."},
        {"set",
         "Set a parameter before the first note (repeatable; after --preset; clamped to its "
         "range).",
         "name=value"},
        {"preset",
         "A preset of the voice (.govoxpreset): its values are set before the first "
         "note; out-of-range values are clamped with a warning.",
         "file"},
    });
    p.addOptions(tuningOptions());
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
    if (p.isSet("keep-going")) o.onFault = render::OnVoiceFault::Continue;
    if (!parseQuality(p.value("quality"), o.quality)) {
        std::fprintf(stderr, "govox render: --quality must be low, normal or high, not '%s'\n",
                     qPrintable(p.value("quality")));
        return 2;
    }
    if (std::string error; !applyTuningOptions(p, error)) {
        std::fprintf(stderr, "govox render: %s\n", error.c_str());
        return 2;
    }
    if (std::string error; !parseParamAssignments(p.values("set"), o.params, error)) {
        std::fprintf(stderr, "govox render: %s\n", error.c_str());
        return 2;
    }
    if (o.voiceDir.empty() || o.midiPath.empty() || o.outPath.empty()) {
        std::fprintf(stderr, "govox render: --voice, --midi and --out are required\n");
        return 2;
    }
    if (o.rate < 8000 || o.block == 0 || o.block > 2048 || o.voices == 0 || o.voices > 128) {
        std::fprintf(stderr,
                     "govox render: --rate, --block (1..2048) or --voices (1..128) out of range\n");
        return 2;
    }
    return renderSong(o);
}

} // namespace govox::app
