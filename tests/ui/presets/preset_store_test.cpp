// The per-voice library: factory presets read-only, user presets saved atomically, renamed,
// deleted, listed and searched; unreadable files reported and left alone.
#include "TestFiles.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/presets/PresetStore.hpp"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstdlib>

namespace govox::presets {
namespace {

class PresetStoreTest : public ::testing::Test {
protected:
    QStringList names(const PresetList& list) const {
        QStringList out;
        for (const PresetEntry& e : list.entries) out << e.preset.name;
        return out;
    }
    QStringList userNames(const QString& voice) const {
        QStringList out;
        for (const PresetEntry& e : store.list(voice).entries)
            if (e.origin == PresetOrigin::User) out << e.preset.name;
        return out;
    }

    QTemporaryDir root;
    PresetStore store{root.path()};
};

TEST_F(PresetStoreTest, EveryExampleVoiceHasFactoryPresetsThatFitItsParameters) {
    for (const QString voice : {"pad", "pluck", "gctorture"}) {
        const PresetList list = store.list(voice);
        EXPECT_TRUE(list.problems.isEmpty()) << list.problems.join('\n').toStdString();
        EXPECT_GE(list.entries.size(), 2) << voice.toStdString();
        EXPECT_LE(list.entries.size(), 4) << voice.toStdString();
        QList<QMap<QString, double>> seen;
        for (const PresetEntry& e : list.entries) {
            EXPECT_EQ(e.origin, PresetOrigin::Factory);
            EXPECT_TRUE(e.path.startsWith(":/presets/" + voice + "/")) << e.path.toStdString();
            Preset fitted = e.preset;
            const std::vector<ParamRange> declared = test::exampleVoiceParams(voice);
            ASSERT_EQ(declared.size(), voice == QLatin1String("pad") ? 6u : 3u);
            const FitReport report = clampToParams(fitted, declared);
            // In range, every parameter set, no stray names: the preset means what it says.
            EXPECT_TRUE(report.clean()) << report.lines().join('\n').toStdString();
            EXPECT_TRUE(report.missing.isEmpty()) << e.preset.name.toStdString();
            EXPECT_FALSE(e.preset.comment.isEmpty());
            EXPECT_FALSE(seen.contains(e.preset.params)) << "two factory presets sound alike";
            seen << e.preset.params;
        }
    }
}

TEST_F(PresetStoreTest, UserPresetsLiveInOneFolderPerVoiceUnderTheRoot) {
    const StoreResult saved = store.save(test::richPreset("My Pad"), Overwrite::Refuse);
    ASSERT_TRUE(saved.ok()) << saved.error.toStdString();
    EXPECT_EQ(saved.path, root.filePath("pad/My Pad.govoxpreset"));
    const PresetLoad load = store.load("pad", "My Pad");
    ASSERT_TRUE(load.ok()) << load.error.toStdString();
    EXPECT_EQ(load.entry.preset, test::richPreset("My Pad"));
    EXPECT_EQ(load.entry.origin, PresetOrigin::User);
    EXPECT_TRUE(store.list("pluck").entries.size() == 3); // other voices untouched
}

TEST_F(PresetStoreTest, TheDefaultRootIsInTheXdgDataDirectory) {
    QTemporaryDir data;
    const QByteArray old = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", data.path().toUtf8());
    EXPECT_EQ(PresetStore::defaultUserRoot(), data.path() + "/govox/presets");
    qputenv("XDG_DATA_HOME", old);
}

TEST_F(PresetStoreTest, ListingIsSortedByNameWithFactoryAndUserPresetsTogether) {
    for (const char* name : {"zebra", "Alpha", "muted too", "Bright"})
        ASSERT_TRUE(store.save(test::simplePreset(name, "pluck"), Overwrite::Refuse).ok());
    EXPECT_EQ(names(store.list("pluck")), (QStringList{"Alpha", "Bright", "Muted", "muted too",
                                                       "Nylon", "Steel Bright", "zebra"}));
}

TEST_F(PresetStoreTest, SavingOverAnExistingPresetNeedsToBeAskedFor) {
    ASSERT_TRUE(store.save(test::simplePreset("Warm", "pad", 1000), Overwrite::Refuse).ok());
    const QString path = root.filePath("pad/Warm.govoxpreset");
    const QByteArray first = test::readFile(path);

    const StoreResult refused =
        store.save(test::simplePreset("Warm", "pad", 2000), Overwrite::Refuse);
    EXPECT_EQ(refused.error, QStringLiteral("preset \"Warm\" of the voice \"pad\" already exists; "
                                            "replace it or choose another name"));
    EXPECT_EQ(test::readFile(path), first);

    ASSERT_TRUE(store.save(test::simplePreset("Warm", "pad", 2000), Overwrite::Replace).ok());
    EXPECT_EQ(store.load("pad", "Warm").entry.preset.params.value("Cutoff"), 2000);
    EXPECT_EQ(QDir(root.filePath("pad")).entryList(QDir::Files | QDir::Hidden).size(), 1);
}

TEST_F(PresetStoreTest, FactoryPresetsCannotBeReplacedRenamedOrDeleted) {
    const auto before = store.load("pad", "Warm Strings");
    ASSERT_TRUE(before.ok());
    Preset mine = before.entry.preset;
    mine.params["Cutoff"] = 5000;
    EXPECT_EQ(store.save(mine, Overwrite::Replace).error,
              QStringLiteral("preset \"Warm Strings\" of the voice \"pad\" is a factory preset "
                             "and cannot be replaced; save under another name"));
    EXPECT_EQ(store.rename("pad", "Warm Strings", "Mine").error,
              QStringLiteral("preset \"Warm Strings\" of the voice \"pad\" is a factory preset "
                             "and cannot be changed; save a copy under another name"));
    EXPECT_EQ(store.remove("pad", "Warm Strings").error,
              QStringLiteral("preset \"Warm Strings\" of the voice \"pad\" is a factory preset "
                             "and cannot be changed; save a copy under another name"));
    EXPECT_EQ(store.load("pad", "Warm Strings").entry.preset, before.entry.preset);
    EXPECT_FALSE(QFileInfo::exists(root.filePath("pad")));
}

TEST_F(PresetStoreTest, RenameWritesTheNewNameAndRemovesTheOldFile) {
    ASSERT_TRUE(store.save(test::richPreset("Warm"), Overwrite::Refuse).ok());
    const StoreResult renamed = store.rename("pad", "Warm", "Warmer");
    ASSERT_TRUE(renamed.ok()) << renamed.error.toStdString();
    EXPECT_EQ(renamed.path, root.filePath("pad/Warmer.govoxpreset"));
    EXPECT_FALSE(QFileInfo::exists(root.filePath("pad/Warm.govoxpreset")));
    Preset expected = test::richPreset("Warmer");
    EXPECT_EQ(store.load("pad", "Warmer").entry.preset, expected);
    EXPECT_EQ(store.load("pad", "Warm").error,
              QStringLiteral("there is no preset \"Warm\" of the voice \"pad\""));
}

TEST_F(PresetStoreTest, RenameRefusesATakenNameAndAMissingPreset) {
    ASSERT_TRUE(store.save(test::simplePreset("A"), Overwrite::Refuse).ok());
    ASSERT_TRUE(store.save(test::simplePreset("B", "pad", 5000), Overwrite::Refuse).ok());
    const auto before = test::snapshot(root.path());
    EXPECT_EQ(store.rename("pad", "A", "B").error,
              QStringLiteral("cannot rename preset \"A\" of the voice \"pad\": preset \"B\" of the "
                             "voice \"pad\" already exists"));
    EXPECT_EQ(store.rename("pad", "A", "Slow Choir").error,
              QStringLiteral("cannot rename preset \"A\" of the voice \"pad\": preset \"Slow "
                             "Choir\" of the voice \"pad\" already exists"));
    EXPECT_EQ(store.rename("pad", "C", "D").error,
              QStringLiteral("there is no preset \"C\" of the voice \"pad\""));
    EXPECT_EQ(store.rename("pad", "A", "").error, QStringLiteral("preset \"\": name: is empty"));
    EXPECT_EQ(test::snapshot(root.path()), before);
}

TEST_F(PresetStoreTest, DeleteRemovesOnlyThatUserPreset) {
    ASSERT_TRUE(store.save(test::simplePreset("A"), Overwrite::Refuse).ok());
    ASSERT_TRUE(store.save(test::simplePreset("B"), Overwrite::Refuse).ok());
    ASSERT_TRUE(store.remove("pad", "A").ok());
    EXPECT_EQ(userNames("pad"), QStringList{"B"});
    EXPECT_EQ(store.remove("pad", "A").error,
              QStringLiteral("there is no preset \"A\" of the voice \"pad\""));
}

TEST_F(PresetStoreTest, SearchMatchesNameCommentAndAuthorIgnoringCase) {
    Preset a = test::simplePreset("Deep Bass");
    a.author = "Ada";
    Preset b = test::simplePreset("Air");
    b.comment = "breathy, for intros";
    ASSERT_TRUE(store.save(a, Overwrite::Refuse).ok());
    ASSERT_TRUE(store.save(b, Overwrite::Refuse).ok());
    EXPECT_EQ(names(store.search("pad", "BASS")), QStringList{"Deep Bass"});
    EXPECT_EQ(names(store.search("pad", "ada")), QStringList{"Deep Bass"});
    EXPECT_EQ(names(store.search("pad", "Intro")), QStringList{"Air"});
    // Factory presets too.
    EXPECT_EQ(names(store.search("pad", "swell")), (QStringList{"Slow Choir", "Warm Strings"}));
    EXPECT_EQ(store.search("pad", "").entries.size(), store.list("pad").entries.size());
    EXPECT_TRUE(store.search("pad", "nothing like this").entries.isEmpty());
}

TEST_F(PresetStoreTest, FileNamesAreMadeSafeAndNeverLeaveTheVoiceFolder) {
    for (const char* name : {"a/b", "a_b", "../../escape", ".hidden", "what?*:<>|\"\\"}) {
        const StoreResult saved = store.save(test::simplePreset(name), Overwrite::Refuse);
        ASSERT_TRUE(saved.ok()) << saved.error.toStdString();
        EXPECT_EQ(QFileInfo(saved.path).path(), root.filePath("pad")) << saved.path.toStdString();
        EXPECT_EQ(store.load("pad", name).entry.preset.name, QString(name));
    }
    EXPECT_EQ(QDir(root.filePath("pad")).entryList(QDir::Files | QDir::Hidden, QDir::Name),
              (QStringList{"_.._escape.govoxpreset", "a_b (2).govoxpreset", "a_b.govoxpreset",
                           "hidden.govoxpreset", "what________.govoxpreset"}));
    EXPECT_EQ(QDir(root.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
              QStringList{"pad"});
    EXPECT_EQ(safeFileName(""), "preset");
    EXPECT_EQ(safeFileName(QString(300, u'é')).toUtf8().size(), 200);
}

TEST_F(PresetStoreTest, AFileThatCannotBeReadIsReportedAndLeftAlone) {
    const QString broken = root.filePath("pad/Warm.govoxpreset");
    ASSERT_TRUE(test::writeFile(broken, R"({"format":9,"kind":"govox-preset"})"));
    const QString stray = root.filePath("pad/Stray.govoxpreset");
    ASSERT_TRUE(test::writeFile(stray, writePreset(test::simplePreset("Stray", "pluck"))));

    const PresetList list = store.list("pad");
    EXPECT_EQ(list.problems, (QStringList{"skipped " + stray +
                                              ": preset \"Stray\" is for the voice \"pluck\", "
                                              "not for \"pad\"",
                                          "skipped " + broken +
                                              ": made by a newer Govox: format 9, this one "
                                              "reads up to 1"}));
    // A preset of the same name goes into another file; the unreadable one stays as it was.
    const StoreResult saved = store.save(test::simplePreset("Warm"), Overwrite::Refuse);
    ASSERT_TRUE(saved.ok()) << saved.error.toStdString();
    EXPECT_EQ(saved.path, root.filePath("pad/Warm (2).govoxpreset"));
    EXPECT_EQ(test::readFile(broken), R"({"format":9,"kind":"govox-preset"})");
}

TEST_F(PresetStoreTest, APresetTheReaderWouldRefuseIsNotSaved) {
    Preset p = test::simplePreset("Bad");
    p.midiMap = {{-1, 200, "Cutoff"}};
    const StoreResult saved = store.save(p, Overwrite::Refuse);
    EXPECT_NE(saved.error.indexOf("midiMap[0].controller: expected a whole number from 0 to 127"),
              -1)
        << saved.error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(root.filePath("pad")));
}

TEST_F(PresetStoreTest, FreeNamesCountFactoryAndUserPresets) {
    EXPECT_EQ(store.freeName("pad", "Fresh"), "Fresh");
    EXPECT_EQ(store.freeName("pad", "Slow Choir"), "Slow Choir (2)");
    ASSERT_TRUE(store.save(test::simplePreset("Slow Choir (2)"), Overwrite::Refuse).ok());
    EXPECT_EQ(store.freeName("pad", "Slow Choir"), "Slow Choir (3)");
}

} // namespace
} // namespace govox::presets
