// The end-to-end test: a user designs a sound on a copy of the pad voice with
// profile A, saves it as a preset and exports a bundle with the voice's source; with a
// clean profile B the bundle is imported (source into a new folder, presets into B's
// library). `govox render --preset` then renders the same song offline through A's voice
// folder with A's preset and through B's imported folder with B's imported preset, and the
// two files must agree sample by sample - while differing from the voice's default sound,
// so that a preset that was not applied fails the test. And what `govox render --preset`
// says about a preset it cannot use, or had to change.
#include "PresetTestFiles.hpp"
#include "tests/support/qt/QtTestApp.hpp"
#include "tests/support/studio/StudioRig.hpp"

#include "ui/params/ParamPanel.hpp"
#include "ui/presetbrowser/PresetActions.hpp"
#include "ui/presets/BundleExport.hpp"
#include "ui/presets/PresetExport.hpp"

#include "engine/midi/MidiFile.hpp"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace govox::presetbrowser {
namespace {

using presets::Overwrite;

struct Difference {
    long long frames = 0; // compared
    double maxAbs = 0;
};

Difference compare(const test::Wav& a, const test::Wav& b) {
    Difference d;
    d.frames = std::min(a.frames, b.frames);
    for (std::size_t i = 0; i < static_cast<std::size_t>(2 * d.frames); ++i)
        d.maxAbs = std::max(d.maxAbs, double(std::fabs(a.samples[i] - b.samples[i])));
    return d;
}

double peakOf(const test::Wav& w) {
    double p = 0;
    for (float s : w.samples) p = std::max(p, double(std::fabs(s)));
    return p;
}

test::Wav render(const QString& voiceDir, const QString& preset, const QString& song,
                 const QString& out) {
    QStringList args{"render", "--voice", voiceDir, "--midi", song, "--out", out};
    if (!preset.isEmpty()) args << "--preset" << preset;
    const test::Run run = test::runGovox(args);
    EXPECT_EQ(run.exitCode, 0) << run.output.toStdString();
    if (!preset.isEmpty()) {
        EXPECT_TRUE(run.output.contains("6 of 6 parameters set")) << run.output.toStdString();
    }
    EXPECT_FALSE(run.output.contains("warning")) << run.output.toStdString();
    test::Wav wav = test::readWav(out);
    EXPECT_EQ(wav.error, "") << out.toStdString();
    return wav;
}

TEST(PresetEndToEnd, ASoundExportedWithItsSourceSoundsTheSameOnAnotherProfile) {
    QTemporaryDir work;
    ASSERT_TRUE(work.isValid());
    const QString bundle = work.filePath("shared/dusk.govoxbundle");
    QString voiceA, presetA;

    { // Profile A: design, save, export.
        test::Profile profileA(work.filePath("profileA"));
        test::StudioRig rig;
        voiceA = work.filePath("designs/pad"); // a copy of the pad, as a user would start
        ASSERT_TRUE(QDir().mkpath(voiceA));
        ASSERT_TRUE(QFile::copy(GOVOX_SDK_DIR "/voices/pad/main.go", voiceA + "/main.go"));
        ASSERT_TRUE(rig.open(voiceA));
        params::ParamPanel panel(rig.studio());
        presets::PresetStore store; // $XDG_DATA_HOME/govox/presets
        ASSERT_TRUE(store.userRoot().startsWith(work.filePath("profileA")))
            << store.userRoot().toStdString();
        PresetActions actions(rig.studio(), panel, store);
        panel.applyValues("Design", {{"Cutoff", 3300},
                                     {"Resonance", 0.72},
                                     {"Detune", 23},
                                     {"Attack", 0.02},
                                     {"Release", 0.45},
                                     {"Volume", -16}});
        ActionResult r = actions.saveAs("Dusk", Overwrite::Refuse);
        ASSERT_TRUE(r.ok()) << r.error.toStdString();
        presetA = actions.loaded()->path;
        ASSERT_TRUE(QFile::exists(presetA));
        ASSERT_TRUE(QDir().mkpath(work.filePath("shared")));
        r = actions.exportBundle(bundle, Overwrite::Refuse);
        ASSERT_TRUE(r.ok()) << r.error.toStdString();
    }

    QString voiceB, presetB;
    { // Profile B, clean: import the bundle where the browser puts it by default.
        test::Profile profileB(work.filePath("profileB"));
        test::StudioRig rig; // no voice open: an import needs none
        params::ParamPanel panel(rig.studio());
        presets::PresetStore store;
        ASSERT_TRUE(store.list("pad").entries.size() == 4) << "only the factory presets";
        PresetActions actions(rig.studio(), panel, store);
        voiceB = presets::defaultVoiceSourceFolder("pad");
        EXPECT_EQ(voiceB, work.filePath("profileB/govox/voices/pad"));
        EXPECT_FALSE(QDir(voiceB).exists());
        const ActionResult r = actions.importBundle(bundle, voiceB, Overwrite::Refuse);
        ASSERT_TRUE(r.ok()) << r.error.toStdString();
        EXPECT_EQ(r.voice, "pad");
        EXPECT_EQ(r.sourceFolder, voiceB);
        const presets::PresetLoad imported = store.load("pad", "Dusk");
        ASSERT_TRUE(imported.ok()) << imported.error.toStdString();
        presetB = imported.entry.path;
        EXPECT_TRUE(presetB.startsWith(work.filePath("profileB"))) << presetB.toStdString();
    }
    QFile sourceA(voiceA + "/main.go"), sourceB(voiceB + "/main.go");
    ASSERT_TRUE(sourceA.open(QIODevice::ReadOnly) && sourceB.open(QIODevice::ReadOnly));
    EXPECT_EQ(sourceA.readAll(), sourceB.readAll());
    EXPECT_EQ(test::readBack(presetA), test::readBack(presetB));

    const QString song = work.filePath("song.mid");
    test::writeSong(song);
    const test::Wav a = render(voiceA, presetA, song, work.filePath("a.wav"));
    const test::Wav b = render(voiceB, presetB, song, work.filePath("b.wav"));
    const test::Wav plain = render(voiceA, {}, song, work.filePath("default.wav"));

    ASSERT_GT(a.frames, 48000) << "the song lasts past two seconds";
    EXPECT_EQ(a.frames, b.frames);
    EXPECT_GT(peakOf(a), 0.05) << "the preset's sound is heard";
    const Difference same = compare(a, b);
    EXPECT_LE(same.maxAbs, 1e-6);
    const Difference other = compare(a, plain);
    EXPECT_GT(other.maxAbs, 0.05)
        << "the preset must change the sound, or this test proves nothing";
    std::printf("[ figures  ] %lld frames compared (A: %lld, B: %lld); max |A-B| = %.3g; "
                "max |A-default| = %.3g; peak %.3f\n",
                same.frames, a.frames, b.frames, same.maxAbs, other.maxAbs, peakOf(a));
}

TEST(PresetEndToEnd, RenderSaysWhyAPresetCannotBeUsedAndWarnsOfWhatItChanged) {
    QTemporaryDir work;
    const QString song = work.filePath("song.mid");
    test::writeSong(song);
    presets::Preset p;
    p.name = "Odd";
    p.voice = "pluck";
    p.params = {{"Cutoff", 50000}, {"Gone", 1}};
    ASSERT_TRUE(presets::exportPreset(p, work.filePath("odd"), Overwrite::Refuse).ok());
    const QString preset = work.filePath("odd.govoxpreset");
    const QString pad = GOVOX_SDK_DIR "/voices/pad";

    test::Run run = test::runGovox({"render", "--voice", pad, "--midi", song, "--out",
                                    work.filePath("x.wav"), "--preset", preset});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.output.contains("preset \"Odd\" is for the voice \"pluck\", not for \"pad\""))
        << run.output.toStdString();
    EXPECT_FALSE(QFile::exists(work.filePath("x.wav"))) << "nothing rendered";

    run = test::runGovox({"render", "--voice", pad, "--midi", song, "--out", work.filePath("x.wav"),
                          "--preset", work.filePath("missing.govoxpreset")});
    EXPECT_EQ(run.exitCode, 1);
    EXPECT_TRUE(run.output.contains("missing.govoxpreset")) << run.output.toStdString();

    p.voice = "pad";
    ASSERT_TRUE(presets::exportPreset(p, preset, Overwrite::Replace).ok());
    run = test::runGovox({"render", "--voice", pad + "/", "--midi", song, "--out",
                          work.filePath("x.wav"), "--preset", preset});
    EXPECT_EQ(run.exitCode, 0) << run.output.toStdString();
    EXPECT_TRUE(run.output.contains("warning: preset 'Odd': \"Cutoff\": 50000 Hz is outside its "
                                    "range 80 to 12000 Hz; set to 12000 Hz"))
        << run.output.toStdString();
    EXPECT_TRUE(run.output.contains("\"Gone\": this voice has no such parameter"))
        << run.output.toStdString();
    EXPECT_TRUE(run.output.contains("1 of 6 parameters set")) << run.output.toStdString();
}

// A preset's MIDI-learn mapping turns the controller in a MIDI file into parameter
// automation in `govox render`, on its frame: CC 7 mapped to the sine's Level, sent at
// 0.25 s at its middle value, takes the level from 0.25 to 64/127 there - the render with
// the preset is the render without it up to frame 12000, and twice as loud after.
TEST(PresetEndToEnd, GovoxRenderPlaysAPresetsMidiMappingsAsAutomationOnTheirFrames) {
    QTemporaryDir work;
    ASSERT_TRUE(work.isValid());
    const std::string song = work.filePath("sweep.mid").toStdString();
    ASSERT_EQ("", midi::writeMidiFile(
                      song, {{0.0, 0x90, 69, 100}, {0.25, 0xB0, 7, 64}, {0.5, 0x80, 69, 0}}));
    presets::Preset p;
    p.name = "Mapped";
    p.voice = "sine";
    p.midiMap = {{-1, 7, "Level"}};
    ASSERT_TRUE(presets::exportPreset(p, work.filePath("mapped"), Overwrite::Refuse).ok());
    const QString sine = GOVOX_SDK_DIR "/internal/testvoices/sine";
    const QString midiFile = QString::fromStdString(song);

    test::Run run = test::runGovox(
        {"render", "--voice", sine, "--midi", midiFile, "--out", work.filePath("plain.wav")});
    ASSERT_EQ(run.exitCode, 0) << run.output.toStdString();
    run = test::runGovox({"render", "--voice", sine, "--midi", midiFile, "--out",
                          work.filePath("mapped.wav"), "--preset",
                          work.filePath("mapped.govoxpreset")});
    ASSERT_EQ(run.exitCode, 0) << run.output.toStdString();
    EXPECT_TRUE(run.output.contains("1 controller messages move parameters"))
        << run.output.toStdString();
    const test::Wav plain = test::readWav(work.filePath("plain.wav"));
    const test::Wav mapped = test::readWav(work.filePath("mapped.wav"));
    ASSERT_EQ("", plain.error);
    ASSERT_EQ("", mapped.error);
    ASSERT_EQ(plain.frames, mapped.frames);
    long long first = 0;
    while (first < plain.frames && plain.samples[2 * first] == mapped.samples[2 * first]) ++first;
    EXPECT_EQ(12000, first) << "the controller's change belongs on 0.25 s x 48 kHz";
    const auto rms = [](const test::Wav& w, long long from, long long to) {
        double s = 0;
        for (long long i = from; i < to; ++i) s += double(w.samples[2 * i]) * w.samples[2 * i];
        return std::sqrt(s / double(to - from));
    };
    EXPECT_NEAR(64 / 127.0 / 0.25, rms(mapped, 16800, 21600) / rms(plain, 16800, 21600), 0.01);
}

} // namespace
} // namespace govox::presetbrowser
