// Export and import of presets: one to a file, a selection or a library to a folder or one
// file, and back into a clean profile; imports never overwrite, and say what they did.
#include "TestFiles.hpp"
#include "ui/presets/BundleExport.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/presets/PresetExport.hpp"
#include "ui/presets/PresetStore.hpp"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace govox::presets {
namespace {

class PresetExportTest : public ::testing::Test {
protected:
    QList<Preset> userPresets(const PresetStore& s, const QString& voice) const {
        QList<Preset> out;
        for (const PresetEntry& e : s.list(voice).entries)
            if (e.origin == PresetOrigin::User) out << e.preset;
        return out;
    }

    QTemporaryDir home;   // this user's profile
    QTemporaryDir other;  // another user's, clean
    QTemporaryDir outbox; // where exports go
    PresetStore store{home.path()};
    PresetStore clean{other.path()};
};

TEST_F(PresetExportTest, OnePresetToAFileAndBack) {
    const ExportResult out =
        exportPreset(test::richPreset(), outbox.filePath("warm"), Overwrite::Refuse);
    ASSERT_TRUE(out.ok()) << out.error.toStdString();
    EXPECT_EQ(out.written, QStringList{outbox.filePath("warm.govoxpreset")});
    const ImportResult in = importPresetFile(clean, out.written.first(), "pad");
    ASSERT_TRUE(in.ok()) << in.error.toStdString();
    EXPECT_EQ(in.imported, QStringList{"Warm"});
    EXPECT_EQ(clean.load("pad", "Warm").entry.preset, test::richPreset());
}

TEST_F(PresetExportTest, AnExportDoesNotOverwriteUnlessAsked) {
    const QString path = outbox.filePath("warm.govoxpreset");
    ASSERT_TRUE(test::writeFile(path, "mine"));
    EXPECT_EQ(exportPreset(test::richPreset(), path, Overwrite::Refuse).error,
              path + QStringLiteral(" already exists; nothing was exported"));
    EXPECT_EQ(test::readFile(path), "mine");
    ASSERT_TRUE(exportPreset(test::richPreset(), path, Overwrite::Replace).ok());
    EXPECT_EQ(readPresetFile(path).preset, test::richPreset());
}

TEST_F(PresetExportTest, ASelectionToAFolderRefusesBeforeWritingAnything) {
    const QList<Preset> selection{test::simplePreset("A"), test::simplePreset("a/b"),
                                  test::simplePreset("a_b"), test::simplePreset("Nylon", "pluck")};
    ASSERT_TRUE(test::writeFile(outbox.filePath("sel/A.govoxpreset"), "mine"));
    const ExportResult refused =
        exportPresets(selection, outbox.filePath("sel"), Overwrite::Refuse);
    EXPECT_EQ(refused.error, outbox.filePath("sel/A.govoxpreset") +
                                 QStringLiteral(" already exists; nothing was exported"));
    EXPECT_EQ(test::snapshot(outbox.filePath("sel")).size(), 1);

    const ExportResult out = exportPresets(selection, outbox.filePath("sel2"), Overwrite::Refuse);
    ASSERT_TRUE(out.ok()) << out.error.toStdString();
    EXPECT_EQ(QDir(outbox.filePath("sel2")).entryList(QDir::Files, QDir::Name),
              (QStringList{"A.govoxpreset", "Nylon.govoxpreset", "a_b (2).govoxpreset",
                           "a_b.govoxpreset"}));
    for (const QString& path : out.written) EXPECT_TRUE(readPresetFile(path).ok());
}

TEST_F(PresetExportTest, ASelectionToOneFileIsABundleWithoutSource) {
    const QList<Preset> selection{test::richPreset("One"), test::simplePreset("Two")};
    const ExportResult out =
        exportPresetsToFile(selection, outbox.filePath("two"), Overwrite::Refuse);
    ASSERT_TRUE(out.ok()) << out.error.toStdString();
    EXPECT_EQ(out.written, QStringList{outbox.filePath("two.govoxbundle")});
    const BundleImportResult in = importBundle(clean, out.written.first(), {}, Overwrite::Refuse);
    ASSERT_TRUE(in.ok()) << in.error.toStdString();
    EXPECT_TRUE(in.sourceFolder.isEmpty());
    EXPECT_EQ(userPresets(clean, "pad"), selection);
}

TEST_F(PresetExportTest, OneFileHoldsTheSelectionOfOneVoiceOnly) {
    const ExportResult out =
        exportPresetsToFile({test::simplePreset("A"), test::simplePreset("Nylon", "pluck")},
                            outbox.filePath("x"), Overwrite::Refuse);
    EXPECT_NE(out.error.indexOf("presets[1]: preset \"Nylon\" is for the voice \"pluck\", not for "
                                "\"pad\""),
              -1)
        << out.error.toStdString();
    EXPECT_TRUE(test::snapshot(outbox.path()).isEmpty());
}

TEST_F(PresetExportTest, AWholeLibraryMovesToACleanProfile) {
    ASSERT_TRUE(store.save(test::richPreset("Mine"), Overwrite::Refuse).ok());
    ASSERT_TRUE(store.save(test::simplePreset("Also mine"), Overwrite::Refuse).ok());
    const ExportResult out = exportLibrary(store, "pad", outbox.filePath("lib"), Overwrite::Refuse);
    ASSERT_TRUE(out.ok()) << out.error.toStdString();
    EXPECT_EQ(out.written.size(), 6); // four factory presets and two of the user's

    const ImportResult in = importPresetFolder(clean, outbox.filePath("lib"), "pad");
    ASSERT_TRUE(in.ok()) << in.error.toStdString();
    EXPECT_EQ(in.imported, (QStringList{"Also mine", "Mine"}));
    // The factory presets are there already, unchanged: not copied again.
    EXPECT_EQ(in.notes.size(), 4) << in.notes.join('\n').toStdString();
    EXPECT_EQ(userPresets(clean, "pad"), userPresets(store, "pad"));
}

TEST_F(PresetExportTest, ImportingATakenNameAddsANumberAndKeepsTheOriginal) {
    ASSERT_TRUE(clean.save(test::simplePreset("Warm", "pad", 1000), Overwrite::Refuse).ok());
    const QString original = test::readFile(other.filePath("pad/Warm.govoxpreset"));
    const QString path = outbox.filePath("Warm.govoxpreset");
    ASSERT_TRUE(
        exportPreset(test::simplePreset("Warm", "pad", 3000), path, Overwrite::Refuse).ok());

    ImportResult in = importPresetFile(clean, path, "pad");
    ASSERT_TRUE(in.ok()) << in.error.toStdString();
    EXPECT_EQ(in.imported, QStringList{"Warm (2)"});
    EXPECT_EQ(in.notes, QStringList{"\"Warm\" was taken; imported as \"Warm (2)\""});
    EXPECT_EQ(test::readFile(other.filePath("pad/Warm.govoxpreset")), original);
    EXPECT_EQ(clean.load("pad", "Warm (2)").entry.preset.params.value("Cutoff"), 3000);

    // Once more: it is there already, so nothing new.
    in = importPresetFile(clean, path, "pad");
    EXPECT_TRUE(in.imported.isEmpty());
    EXPECT_EQ(in.notes, QStringList{"\"Warm\" is already in the library as \"Warm (2)\"; skipped"});
    EXPECT_EQ(userPresets(clean, "pad").size(), 2);
}

TEST_F(PresetExportTest, APresetForAnotherVoiceIsRefusedNamingBothVoices) {
    const QString path = outbox.filePath("Plucky.govoxpreset");
    ASSERT_TRUE(exportPreset(test::simplePreset("Plucky", "pluck"), path, Overwrite::Refuse).ok());
    const ImportResult in = importPresetFile(clean, path, "pad");
    EXPECT_EQ(in.error,
              QStringLiteral("preset \"Plucky\" is for the voice \"pluck\", not for \"pad\""));
    EXPECT_TRUE(test::snapshot(other.path()).isEmpty());
    // Without a voice to match, it goes to its own voice's folder.
    ASSERT_TRUE(importPresetFile(clean, path, {}).ok());
    EXPECT_TRUE(QFileInfo::exists(other.filePath("pluck/Plucky.govoxpreset")));
}

TEST_F(PresetExportTest, AFolderImportGoesOnPastABadFileAndNamesIt) {
    ASSERT_TRUE(
        exportPreset(test::simplePreset("Good"), outbox.filePath("in/Good"), Overwrite::Refuse)
            .ok());
    const QString bad = outbox.filePath("in/Bad.govoxpreset");
    ASSERT_TRUE(test::writeFile(bad, "{\"format\":1,"));
    const ImportResult in = importPresetFolder(clean, outbox.filePath("in"), "pad");
    EXPECT_TRUE(in.ok()) << in.error.toStdString();
    EXPECT_EQ(in.imported, QStringList{"Good"});
    ASSERT_EQ(in.problems.size(), 1);
    EXPECT_TRUE(in.problems.first().startsWith(bad + ": malformed JSON at line 1, column 13"))
        << in.problems.first().toStdString();
}

TEST_F(PresetExportTest, AnEmptyOrMissingFolderIsSaidSo) {
    EXPECT_EQ(importPresetFolder(clean, outbox.path(), "pad").error,
              outbox.path() + QStringLiteral(" holds no .govoxpreset files"));
    EXPECT_EQ(importPresetFolder(clean, outbox.filePath("nope"), "pad").error,
              QStringLiteral("there is no folder ") + outbox.filePath("nope"));
    EXPECT_EQ(exportLibrary(store, "nobody", outbox.filePath("x"), Overwrite::Refuse).error,
              QStringLiteral("the voice \"nobody\" has no presets to export"));
}

} // namespace
} // namespace govox::presets
