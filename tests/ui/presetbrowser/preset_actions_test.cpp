// The preset browser's actions over a real Studio playing the pad (null backend): the
// factory presets listed and marked, save, save as, rename, delete and search of user
// presets, loading as one undo step that moves knobs and voice alike, another voice's preset
// refused, clamped values and names the voice lacks reported (and those names kept on every
// save), MIDI mappings saved and restored, the changed-sound marker, export and import.
#include "PresetTestFiles.hpp"
#include "tests/support/qt/QtTestApp.hpp"
#include "tests/support/studio/StudioRig.hpp"

#include "ui/params/ParamControl.hpp"
#include "ui/params/ParamPanel.hpp"
#include "ui/presetbrowser/PresetActions.hpp"
#include "ui/presetbrowser/PresetBrowser.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/presets/PresetExport.hpp"

#include <QDir>
#include <QFileInfo>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QTreeWidget>

#include <gtest/gtest.h>

namespace govox::presetbrowser {
namespace {

using presets::MidiMapping;
using presets::Overwrite;
using presets::Preset;
using presets::PresetEntry;
using presets::PresetOrigin;

const QStringList kPadFactory{"Bright Stab", "Resonant Sweep", "Slow Choir", "Warm Strings"};

QString joined(const QStringList& lines) {
    return lines.join(" | ");
}

// The pad open in a Studio, its knobs, and a preset library in a folder of the test's own.
class PresetActionsTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(userRoot_.isValid());
        ASSERT_TRUE(rig_.open(rig_.copyVoice("voices/pad")));
        ASSERT_EQ(panel_.controls().size(), 6);
    }

    double knob(const QString& name) { return panel_.control(name)->value(); }
    double voiceValue(const QString& name) { return rig_.studio().paramValue(name); }
    // A user preset held only in memory, as if read from a file someone sent.
    static PresetEntry entry(Preset p) {
        return {std::move(p), PresetOrigin::User, "sent.govoxpreset"};
    }
    static Preset padPreset(const QString& name, QMap<QString, double> params) {
        Preset p;
        p.name = name;
        p.voice = "pad";
        p.params = std::move(params);
        return p;
    }

    QTemporaryDir userRoot_;
    test::StudioRig rig_;
    params::ParamPanel panel_{rig_.studio()};
    presets::PresetStore store_{userRoot_.path()};
    PresetActions actions_{rig_.studio(), panel_, store_};
};

TEST_F(PresetActionsTest, TheBrowserListsThePadsFactoryPresetsMarkedAndSearches) {
    PresetBrowser browser(rig_.studio(), panel_, userRoot_.path());
    EXPECT_EQ(actions_.voice(), "pad");
    EXPECT_EQ(browser.shownNames(), kPadFactory);
    for (int i = 0; i < browser.list()->topLevelItemCount(); ++i)
        EXPECT_EQ(browser.list()->topLevelItem(i)->text(1), "Factory");
    EXPECT_TRUE(browser.loadedText().contains("No preset loaded"))
        << browser.loadedText().toStdString();

    browser.searchField()->setText("choir");
    EXPECT_EQ(browser.shownNames(), QStringList{"Slow Choir"});
    browser.searchField()->setText("CC 74"); // the comment is searched too
    EXPECT_EQ(browser.shownNames(), QStringList{"Resonant Sweep"});
    browser.searchField()->setText("no such sound");
    EXPECT_TRUE(browser.shownNames().isEmpty());
    browser.searchField()->clear();

    // A user preset appears beside them, unmarked, as soon as it is saved.
    ASSERT_TRUE(browser.actions().saveAs("Mine", Overwrite::Refuse).ok());
    EXPECT_EQ(browser.shownNames(),
              QStringList({"Bright Stab", "Mine", "Resonant Sweep", "Slow Choir", "Warm Strings"}));
    EXPECT_EQ(browser.list()->topLevelItem(1)->text(1), "");
    EXPECT_EQ(browser.selectedNames(), QStringList{"Mine"});
    EXPECT_TRUE(browser.loadedText().contains("Mine")) << browser.loadedText().toStdString();
}

TEST_F(PresetActionsTest, LoadingMovesTheKnobsAndTheVoiceAsOneUndoStep) {
    const int steps = panel_.undoStack()->count();
    const ActionResult r = actions_.load("Bright Stab");
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_TRUE(r.notes.isEmpty()) << joined(r.notes).toStdString();
    EXPECT_EQ(r.summary, "Loaded 'Bright Stab'");
    const QMap<QString, double> expected{{"Cutoff", 7000},  {"Resonance", 0.55}, {"Detune", 4},
                                         {"Attack", 0.005}, {"Release", 0.35},   {"Volume", -14}};
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        SCOPED_TRACE(it.key().toStdString());
        EXPECT_NEAR(knob(it.key()), it.value(), 1e-4 * std::max(1.0, std::abs(it.value())));
        EXPECT_NEAR(voiceValue(it.key()), it.value(), 1e-4 * std::max(1.0, std::abs(it.value())));
    }
    EXPECT_EQ(panel_.undoStack()->count(), steps + 1) << "one step for the whole preset";
    EXPECT_EQ(panel_.undoStack()->undoText(), "Load preset 'Bright Stab'");
    ASSERT_NE(actions_.loaded(), nullptr);
    EXPECT_EQ(actions_.loaded()->origin, PresetOrigin::Factory);
    EXPECT_FALSE(actions_.dirty());

    panel_.undoStack()->undo();
    EXPECT_NEAR(knob("Cutoff"), 1800, 1e-3) << "back to the defaults in one undo";
    EXPECT_NEAR(voiceValue("Cutoff"), 1800, 1e-3);
    EXPECT_NEAR(voiceValue("Volume"), -12, 1e-4);
    EXPECT_TRUE(actions_.dirty()) << "the sound is no longer the loaded preset's";
    panel_.undoStack()->redo();
    EXPECT_NEAR(voiceValue("Cutoff"), 7000, 1e-2);
    EXPECT_FALSE(actions_.dirty());

    panel_.applyValues("Turn", {{"Detune", 20}});
    EXPECT_TRUE(actions_.dirty());
}

TEST_F(PresetActionsTest, SavesRenamesDeletesAndSearchesUserPresets) {
    panel_.applyValues("Design", {{"Cutoff", 2500}, {"Detune", 17}});
    ActionResult r = actions_.saveAs("  Evening  ", Overwrite::Refuse);
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    const QString file = userRoot_.filePath("pad/Evening.govoxpreset");
    ASSERT_TRUE(QFileInfo::exists(file));
    Preset saved = test::readBack(file);
    EXPECT_EQ(saved.name, "Evening") << "the name is trimmed";
    EXPECT_EQ(saved.voice, "pad");
    EXPECT_EQ(saved.params.size(), 6) << "every declared parameter";
    EXPECT_EQ(saved.params.value("Cutoff"), 2500);
    EXPECT_EQ(saved.params.value("Detune"), 17);
    EXPECT_EQ(saved.params.value("Resonance"), 0.3)
        << "written as the decimal, not the float's 0.30000001";

    // Save As onto a taken name is refused unless asked; a factory name always.
    panel_.applyValues("Brighter", {{"Cutoff", 5000}});
    r = actions_.saveAs("Evening", Overwrite::Refuse);
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(test::readBack(file).params.value("Cutoff"), 2500) << "not overwritten";
    r = actions_.saveAs("Warm Strings", Overwrite::Replace);
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.error.contains("factory")) << r.error.toStdString();

    // Save writes over the loaded user preset.
    r = actions_.save();
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(test::readBack(file).params.value("Cutoff"), 5000);
    EXPECT_FALSE(actions_.dirty());

    r = actions_.rename("Evening", "Night");
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(file));
    EXPECT_TRUE(store_.contains("pad", "Night"));
    EXPECT_EQ(actions_.loaded()->preset.name, "Night") << "the loaded preset follows its rename";
    EXPECT_EQ(actions_.list("nig").entries.size(), 1);
    EXPECT_EQ(actions_.list("nig").entries.front().preset.name, "Night");
    EXPECT_FALSE(actions_.rename("Warm Strings", "Mine").ok()) << "factory presets are read-only";

    r = actions_.remove("Night");
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_FALSE(store_.contains("pad", "Night"));
    EXPECT_TRUE(actions_.list("nig").entries.isEmpty());
    EXPECT_FALSE(actions_.remove("Warm Strings").ok());
    EXPECT_TRUE(store_.contains("pad", "Warm Strings"));
}

TEST_F(PresetActionsTest, AFactoryPresetIsNeverWrittenOver) {
    ASSERT_TRUE(actions_.load("Warm Strings").ok());
    panel_.applyValues("Turn", {{"Cutoff", 300}});
    const ActionResult r = actions_.save();
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.error.contains("factory preset")) << r.error.toStdString();
    EXPECT_TRUE(r.error.contains("Save As")) << r.error.toStdString();
    EXPECT_TRUE(QDir(userRoot_.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot))
        << "nothing written";
}

TEST_F(PresetActionsTest, APresetForAnotherVoiceIsRefusedWithAMessage) {
    const int steps = panel_.undoStack()->count();
    Preset pluck = padPreset("Nylon", {{"Decay", 3}, {"Volume", -3}});
    pluck.voice = "pluck";
    const ActionResult r = actions_.apply(entry(pluck));
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.error.toStdString(),
              "Cannot load: preset \"Nylon\" is for the voice \"pluck\", not for \"pad\"");
    EXPECT_NEAR(voiceValue("Volume"), -12, 1e-4) << "nothing applied";
    EXPECT_EQ(panel_.undoStack()->count(), steps);
    EXPECT_EQ(actions_.loaded(), nullptr);
}

TEST_F(PresetActionsTest, OutOfRangeValuesAreClampedWithAWarning) {
    const ActionResult r =
        actions_.apply(entry(padPreset("Wild", {{"Cutoff", 50000}, {"Resonance", -1}})));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    ASSERT_EQ(r.notes.size(), 2) << joined(r.notes).toStdString();
    EXPECT_TRUE(r.notes[0].contains("Cutoff") && r.notes[0].contains("12000"))
        << r.notes[0].toStdString();
    EXPECT_TRUE(r.summary.contains("2 warnings")) << r.summary.toStdString();
    EXPECT_NEAR(voiceValue("Cutoff"), 12000, 1e-2);
    EXPECT_NEAR(voiceValue("Resonance"), 0, 1e-6);
}

TEST_F(PresetActionsTest, ANameTheVoiceLacksIsReportedAndKeptOnEverySave) {
    const ActionResult r =
        actions_.apply(entry(padPreset("Old", {{"Cutoff", 900}, {"Drive", 0.7}, {"Shape", 2}})));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(r.notes.size(), 2) << joined(r.notes).toStdString();
    EXPECT_TRUE(joined(r.notes).contains("\"Drive\": this voice has no such parameter"))
        << joined(r.notes).toStdString();
    EXPECT_NEAR(voiceValue("Cutoff"), 900, 1e-3);

    ActionResult saved = actions_.saveAs("Old", Overwrite::Refuse);
    ASSERT_TRUE(saved.ok()) << saved.error.toStdString();
    EXPECT_EQ(saved.notes.size(), 2) << "the save says which names it keeps";
    const QString file = userRoot_.filePath("pad/Old.govoxpreset");
    Preset p = test::readBack(file);
    EXPECT_EQ(p.params.value("Drive"), 0.7);
    EXPECT_EQ(p.params.value("Shape"), 2);
    EXPECT_EQ(p.params.size(), 8);

    // Changed and saved again, and loaded and saved again: still there.
    panel_.applyValues("Turn", {{"Cutoff", 1100}});
    ASSERT_TRUE(actions_.save().ok());
    ASSERT_TRUE(actions_.load("Old").ok());
    ASSERT_TRUE(actions_.save().ok());
    p = test::readBack(file);
    EXPECT_EQ(p.params.value("Cutoff"), 1100);
    EXPECT_EQ(p.params.value("Drive"), 0.7);
    EXPECT_EQ(p.params.value("Shape"), 2);
}

TEST_F(PresetActionsTest, MidiMappingsAreSavedAndRestored) {
    ui::MidiLearn& learn = rig_.studio().midiLearn();
    const QList<MidiMapping> mappings{{-1, 74, "Cutoff"}, {0, 71, "Resonance"}, {2, 7, "Volume"}};
    learn.setMappings(mappings);
    ASSERT_TRUE(actions_.saveAs("Mapped", Overwrite::Refuse).ok());
    EXPECT_EQ(test::readBack(userRoot_.filePath("pad/Mapped.govoxpreset")).midiMap, mappings);
    EXPECT_FALSE(actions_.dirty());

    learn.setMappings({{-1, 1, "Detune"}});
    EXPECT_TRUE(actions_.dirty()) << "a changed mapping changes the sound's controls";
    ASSERT_TRUE(actions_.load("Mapped").ok());
    EXPECT_EQ(learn.mappings(), mappings);
    EXPECT_EQ(panel_.control("Cutoff")->mappingText(), "CC 74");
    EXPECT_FALSE(actions_.dirty());

    // A factory preset with mappings brings them; one without clears them.
    ASSERT_TRUE(actions_.load("Resonant Sweep").ok());
    EXPECT_EQ(learn.mappingFor("Cutoff")->controller, 74);
    ASSERT_TRUE(actions_.load("Warm Strings").ok());
    EXPECT_TRUE(learn.mappings().isEmpty());
}

TEST_F(PresetActionsTest, ExportsASelectionAndImportsItBack) {
    QTemporaryDir out;
    ASSERT_TRUE(actions_.saveAs("One", Overwrite::Refuse).ok());
    panel_.applyValues("Turn", {{"Cutoff", 4000}});
    ASSERT_TRUE(actions_.saveAs("Two", Overwrite::Refuse).ok());

    ActionResult r = actions_.exportPresets({"Two"}, out.filePath("two"), ExportShape::OneFile,
                                            Overwrite::Refuse);
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(test::readBack(out.filePath("two.govoxpreset")).params.value("Cutoff"), 4000);
    r = actions_.exportPresets({"One", "Two"}, out.filePath("folder"), ExportShape::FilePerPreset,
                               Overwrite::Refuse);
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(QDir(out.filePath("folder")).entryList(QDir::Files).size(), 2);
    r = actions_.exportPresets({"One", "Two"}, out.filePath("both"), ExportShape::OneFile,
                               Overwrite::Refuse);
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_TRUE(QFileInfo::exists(out.filePath("both.govoxbundle")));
    r = actions_.exportLibrary(out.filePath("library"), Overwrite::Refuse);
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(QDir(out.filePath("library")).entryList(QDir::Files).size(), 6)
        << "four factory, two user";
    r = actions_.exportLibrary(out.filePath("library"), Overwrite::Refuse);
    EXPECT_FALSE(r.ok()) << "an export does not replace files unasked";

    ASSERT_TRUE(actions_.remove("One").ok());
    ASSERT_TRUE(actions_.remove("Two").ok());
    r = actions_.importFolder(out.filePath("folder"));
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(r.summary, "Imported 2 presets");
    EXPECT_TRUE(store_.contains("pad", "One") && store_.contains("pad", "Two"));
    r = actions_.importFiles({out.filePath("both.govoxbundle"), out.filePath("two.govoxpreset")});
    ASSERT_TRUE(r.ok()) << r.error.toStdString();
    EXPECT_EQ(r.summary, "Nothing new to import") << "the same presets are not copied twice";

    // A preset of another voice is refused by name.
    Preset pluck = padPreset("Nylon", {{"Decay", 3}});
    pluck.voice = "pluck";
    ASSERT_TRUE(presets::exportPreset(pluck, out.filePath("nylon"), Overwrite::Refuse).ok());
    r = actions_.importFiles({out.filePath("nylon.govoxpreset")});
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.error.contains("\"pluck\"")) << r.error.toStdString();
}

} // namespace
} // namespace govox::presetbrowser
