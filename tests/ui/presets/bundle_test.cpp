// Bundles: a voice's Go source and presets in one file, exported from one profile and
// imported into another; an existing source folder replaced only when asked, and then kept.
#include "TestFiles.hpp"
#include "ui/presets/BundleCodec.hpp"
#include "ui/presets/BundleExport.hpp"
#include "ui/presets/PresetLimits.hpp"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

namespace govox::presets {
namespace {

class BundleTest : public ::testing::Test {
protected:
    void SetUp() override {
        voiceDir = work.filePath("my-pad");
        ASSERT_TRUE(test::writeFile(voiceDir + "/main.go", "package main\n\nfunc main() {}\n"));
        ASSERT_TRUE(test::writeFile(voiceDir + "/filter.go", "package main\n// ♪ UTF-8\n"));
        ASSERT_TRUE(test::writeFile(voiceDir + "/go.mod", "module example.com/mypad\n"));
        ASSERT_TRUE(test::writeFile(voiceDir + "/README.md", "not Go: stays home\n"));
        ASSERT_TRUE(test::writeFile(voiceDir + "/build/cache.go", "package cache\n"));
    }

    QString exported(Overwrite overwrite = Overwrite::Refuse) {
        const ExportResult out = exportBundle("pad", voiceDir, {test::richPreset("Mine")},
                                              work.filePath("my-pad"), overwrite);
        EXPECT_TRUE(out.ok()) << out.error.toStdString();
        return out.written.value(0);
    }

    QTemporaryDir work;  // the author's voice folder and the bundle
    QTemporaryDir other; // the other user's data directory, clean
    QString voiceDir;
    PresetStore store{other.filePath("presets")};
};

TEST_F(BundleTest, ExportReadsTheTopOfTheVoiceFolderOnly) {
    const SourceRead source = readVoiceSource(voiceDir);
    ASSERT_TRUE(source.ok()) << source.error.toStdString();
    QStringList paths;
    for (const SourceFile& f : source.files) paths << f.path;
    EXPECT_EQ(paths, (QStringList{"filter.go", "go.mod", "main.go"}));
}

TEST_F(BundleTest, TheExampleVoicesCanBeBundled) {
    for (const char* voice : {"pad", "pluck", "gctorture"}) {
        const SourceRead source = readVoiceSource(QStringLiteral(GOVOX_VOICES_DIR "/") + voice);
        ASSERT_TRUE(source.ok()) << source.error.toStdString();
        EXPECT_TRUE(checkBundle({voice, {}, source.files}).isEmpty());
    }
}

TEST_F(BundleTest, ImportOnACleanProfileReproducesSourceAndPresets) {
    const QString bundle = exported();
    EXPECT_EQ(bundle, work.filePath("my-pad.govoxbundle"));
    const QString dest = other.filePath("voices/pad");

    const BundleImportResult in = importBundle(store, bundle, dest, Overwrite::Refuse);
    ASSERT_TRUE(in.ok()) << in.error.toStdString();
    EXPECT_EQ(in.voice, "pad");
    EXPECT_EQ(in.sourceFolder, dest);
    EXPECT_TRUE(in.movedAside.isEmpty());
    EXPECT_EQ(in.presets.imported, QStringList{"Mine"});
    EXPECT_EQ(store.load("pad", "Mine").entry.preset, test::richPreset("Mine"));
    auto expected = test::snapshot(voiceDir);
    expected.remove("README.md");
    expected.remove("build/cache.go");
    EXPECT_EQ(test::snapshot(dest), expected); // byte for byte, and nothing else
    // No temporary folder left beside it.
    EXPECT_EQ(QDir(other.filePath("voices"))
                  .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
              QStringList{"pad"});
}

TEST_F(BundleTest, ImportingTheSameBundleAgainChangesNothing) {
    const QString bundle = exported();
    const QString dest = other.filePath("voices/pad");
    ASSERT_TRUE(importBundle(store, bundle, dest, Overwrite::Refuse).ok());
    const auto before = test::snapshot(other.path());
    const BundleImportResult again = importBundle(store, bundle, dest, Overwrite::Refuse);
    ASSERT_TRUE(again.ok()) << again.error.toStdString();
    EXPECT_TRUE(again.sourceUnchanged);
    EXPECT_TRUE(again.presets.imported.isEmpty());
    EXPECT_EQ(test::snapshot(other.path()), before);
}

TEST_F(BundleTest, ADifferentSourceIsNotOverwrittenUnlessAsked) {
    const QString bundle = exported();
    const QString dest = other.filePath("voices/pad");
    ASSERT_TRUE(test::writeFile(dest + "/main.go", "package main // my own edit\n"));
    ASSERT_TRUE(test::writeFile(dest + "/notes.txt", "my notes\n"));
    const auto before = test::snapshot(other.path());

    const BundleImportResult refused = importBundle(store, bundle, dest, Overwrite::Refuse);
    EXPECT_EQ(refused.error, bundle + ": " + dest +
                                 " already holds a different source (it has no filter.go); "
                                 "nothing was written: choose another folder or replace it");
    EXPECT_EQ(test::snapshot(other.path()), before);

    const BundleImportResult replaced = importBundle(store, bundle, dest, Overwrite::Replace);
    ASSERT_TRUE(replaced.ok()) << replaced.error.toStdString();
    EXPECT_EQ(test::readFile(dest + "/main.go"), test::readFile(voiceDir + "/main.go"));
    EXPECT_FALSE(QFileInfo::exists(dest + "/notes.txt"));
    // The old folder is kept whole, beside it and hidden.
    ASSERT_FALSE(replaced.movedAside.isEmpty());
    EXPECT_TRUE(QFileInfo(replaced.movedAside).fileName().startsWith(".pad.replaced-"));
    EXPECT_EQ(test::readFile(replaced.movedAside + "/notes.txt"), "my notes\n");
    EXPECT_EQ(test::readFile(replaced.movedAside + "/main.go"), "package main // my own edit\n");
}

TEST_F(BundleTest, AnEmptyDestinationFolderIsUsed) {
    const QString dest = other.filePath("voices/pad");
    ASSERT_TRUE(QDir().mkpath(dest));
    const BundleImportResult in = importBundle(store, exported(), dest, Overwrite::Refuse);
    ASSERT_TRUE(in.ok()) << in.error.toStdString();
    EXPECT_TRUE(in.movedAside.isEmpty());
    EXPECT_TRUE(QFileInfo::exists(dest + "/main.go"));
}

TEST_F(BundleTest, ASourceFileOverOneMebibyteIsNotExported) {
    ASSERT_TRUE(test::writeFile(voiceDir + "/tables.go", QByteArray(kMaxSourceFileBytes + 1, '/')));
    const ExportResult out =
        exportBundle("pad", voiceDir, {}, work.filePath("b"), Overwrite::Refuse);
    EXPECT_EQ(out.error, voiceDir + "/tables.go is too big for a bundle: 1048577 bytes, at most "
                                    "1048576");
    EXPECT_FALSE(QFileInfo::exists(work.filePath("b.govoxbundle")));
}

TEST_F(BundleTest, SourceThatIsNotUtf8IsNotExported) {
    ASSERT_TRUE(test::writeFile(voiceDir + "/latin1.go", "// caf\xe9\n"));
    const ExportResult out =
        exportBundle("pad", voiceDir, {}, work.filePath("b"), Overwrite::Refuse);
    EXPECT_EQ(out.error, QStringLiteral("the bundle of \"pad\": \"latin1.go\" is not UTF-8 text"));
}

TEST_F(BundleTest, AFolderWithoutGoSourceIsSaidSo) {
    const ExportResult out = exportBundle("pad", work.filePath("my-pad/build/none"), {},
                                          work.filePath("b"), Overwrite::Refuse);
    EXPECT_EQ(out.error, "there is no folder " + work.filePath("my-pad/build/none"));
    QDir().mkpath(work.filePath("empty"));
    EXPECT_EQ(readVoiceSource(work.filePath("empty")).error,
              work.filePath("empty") + " holds no Go source (.go files)");
}

TEST_F(BundleTest, SubfoldersInsideTheDestinationAreAllowed) {
    const Bundle b{"pad", {}, {{"main.go", "package main\n"}, {"dsp/filter.go", "package dsp\n"}}};
    ASSERT_TRUE(checkBundle(b).isEmpty()) << checkBundle(b).toStdString();
    const QString path = work.filePath("sub.govoxbundle");
    ASSERT_TRUE(test::writeFile(path, writeBundle(b)));
    const QString dest = other.filePath("voices/pad");
    ASSERT_TRUE(importBundle(store, path, dest, Overwrite::Refuse).ok());
    EXPECT_EQ(test::readFile(dest + "/dsp/filter.go"), "package dsp\n");
}

TEST_F(BundleTest, ABundleRoundTripsThroughItsCodec) {
    const Bundle b{"pad",
                   {test::richPreset("A"), test::simplePreset("B")},
                   {{"go.mod", "module x\n"}, {"main.go", QByteArray("package main\n\0", 14)}}};
    const BundleReadResult read = readBundle(writeBundle(b), "b");
    ASSERT_TRUE(read.ok()) << read.error.toStdString();
    EXPECT_EQ(read.bundle, b);
}

} // namespace
} // namespace govox::presets
