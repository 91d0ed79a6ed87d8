// The fuzzers' seed corpus says what it holds: valid-* files read, bad-* files are refused.
// Keeps the seeds meaningful as the formats change.
#include "ui/presets/BundleCodec.hpp"
#include "ui/presets/PresetCodec.hpp"

#include <QDir>

#include <gtest/gtest.h>

namespace govox::presets {
namespace {

template <typename Read>
void checkSeeds(const QString& folder, Read read) {
    const QDir dir(folder);
    const QStringList files = dir.entryList(QDir::Files);
    ASSERT_GE(files.size(), 5) << folder.toStdString();
    for (const QString& name : files) {
        const QString error = read(dir.filePath(name));
        if (name.startsWith("valid-"))
            EXPECT_TRUE(error.isEmpty()) << error.toStdString();
        else if (name.startsWith("bad-"))
            EXPECT_FALSE(error.isEmpty()) << name.toStdString();
        else
            ADD_FAILURE() << name.toStdString() << ": seeds are named valid-* or bad-*";
    }
}

TEST(FuzzCorpus, PresetSeedsAreWhatTheirNamesSay) {
    checkSeeds(GOVOX_CORPUS_DIR "/preset",
               [](const QString& path) { return readPresetFile(path).error; });
}

TEST(FuzzCorpus, BundleSeedsAreWhatTheirNamesSay) {
    checkSeeds(GOVOX_CORPUS_DIR "/bundle",
               [](const QString& path) { return readBundleFile(path).error; });
}

} // namespace
} // namespace govox::presets
