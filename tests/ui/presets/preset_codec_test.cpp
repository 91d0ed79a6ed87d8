// The preset file: every kind of value survives a round trip, and every kind of bad file is
// refused with a message naming the file, the field, what was expected and what was found.
#include "TestFiles.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/presets/PresetLimits.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace govox::presets {
namespace {

const QString kOrigin = QStringLiteral("/tmp/Warm.govoxpreset");

TEST(PresetCodec, EveryKindOfValueAndMappingSurvivesARoundTrip) {
    const Preset original = test::richPreset();
    const PresetReadResult read = readPreset(writePreset(original), kOrigin);
    ASSERT_TRUE(read.ok()) << read.error.toStdString();
    EXPECT_EQ(read.preset, original);
    // Bit for bit, not just ==: a value that moves by one ulp is a different sound.
    for (auto it = original.params.begin(); it != original.params.end(); ++it)
        EXPECT_EQ(std::bit_cast<std::uint64_t>(std::abs(read.preset.params.value(it.key()))),
                  std::bit_cast<std::uint64_t>(std::abs(it.value())))
            << it.key().toStdString();
    EXPECT_EQ(read.preset.midiMap, original.midiMap); // order kept
    EXPECT_TRUE(checkPreset(original).isEmpty()) << checkPreset(original).toStdString();
}

TEST(PresetCodec, TheFileSaysWhatItIsAndWhichVoiceItIsFor) {
    const QJsonObject object = QJsonDocument::fromJson(writePreset(test::richPreset())).object();
    EXPECT_EQ(object.value("format").toInt(), kPresetFormat);
    EXPECT_EQ(object.value("kind").toString(), QStringLiteral("govox-preset"));
    EXPECT_EQ(object.value("voice").toString(), QStringLiteral("pad"));
    EXPECT_EQ(object.value("params").toObject().value("Cutoff").toDouble(), 12000.0);
    EXPECT_EQ(object.value("midiMap").toArray().at(0).toObject().value("controller").toInt(), 74);
    EXPECT_EQ(writePreset(test::richPreset()), writePreset(test::richPreset())); // stable
}

TEST(PresetCodec, OptionalFieldsMayBeLeftOut) {
    const PresetReadResult read = readPreset(
        R"({"format":1,"kind":"govox-preset","name":"Bare","voice":"pad","params":{}})", kOrigin);
    ASSERT_TRUE(read.ok()) << read.error.toStdString();
    EXPECT_TRUE(read.preset.author.isEmpty());
    EXPECT_TRUE(read.preset.midiMap.isEmpty());
    EXPECT_TRUE(read.preset.params.isEmpty());
}

TEST(PresetCodec, FieldsAFutureVersionAddsAreIgnored) {
    const PresetReadResult read = readPreset(
        R"({"format":1,"kind":"govox-preset","name":"A","voice":"pad","params":{"X":1},
            "colour":"teal","midiMap":[{"channel":2,"controller":7,"param":"X","curve":"log"}]})",
        kOrigin);
    ASSERT_TRUE(read.ok()) << read.error.toStdString();
    EXPECT_EQ(read.preset.midiMap, (QList<MidiMapping>{{2, 7, "X"}}));
}

TEST(PresetCodec, ParameterNamesUpToTheAbiLengthAreAccepted) {
    Preset p = test::simplePreset("Long");
    p.params.insert(QString(kMaxParamNameBytes, u'x'), 1.0);
    EXPECT_TRUE(checkPreset(p).isEmpty()) << checkPreset(p).toStdString();
    p.params.insert(QString(kMaxParamNameBytes + 1, u'x'), 1.0);
    EXPECT_NE(checkPreset(p).indexOf("a parameter name must be 1 to 31 bytes"), -1)
        << checkPreset(p).toStdString();
}

TEST(PresetCodec, TheWriterRefusesWhatTheReaderWould) {
    Preset p = test::simplePreset("Broken");
    p.params["Cutoff"] = std::numeric_limits<double>::quiet_NaN();
    EXPECT_EQ(checkPreset(p), QStringLiteral("preset \"Broken\": params.Cutoff: nan is not a "
                                             "finite number"));
    p = test::simplePreset("");
    EXPECT_EQ(checkPreset(p), QStringLiteral("preset \"\": name: is empty"));
    p = test::simplePreset("Mapped");
    p.midiMap = {{16, 1, "Cutoff"}};
    EXPECT_NE(checkPreset(p).indexOf("midiMap[0].channel: expected a whole number from -1 to "
                                     "15, found the number 16"),
              -1)
        << checkPreset(p).toStdString();
}

TEST(PresetCodec, AFileIsRefusedByItsSizeBeforeItIsRead) {
    QTemporaryDir dir;
    const QString path = dir.filePath("huge.govoxpreset");
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    ASSERT_TRUE(file.resize(qint64(1) << 32)); // 4 GiB, sparse: reading it would hurt
    file.close();
    const PresetReadResult read = readPresetFile(path);
    EXPECT_EQ(read.error, path + QStringLiteral(": too big for a preset: 4294967296 bytes, at "
                                                "most 1048576"));
}

TEST(PresetCodec, AMissingFileIsNamed) {
    const PresetReadResult read = readPresetFile("/nonexistent/Warm.govoxpreset");
    EXPECT_TRUE(read.error.startsWith("/nonexistent/Warm.govoxpreset: cannot open: "))
        << read.error.toStdString();
}

TEST(PresetCodec, AFileReadsLikeItsBytes) {
    QTemporaryDir dir;
    const QString path = dir.filePath("Warm.govoxpreset");
    ASSERT_TRUE(test::writeFile(path, writePreset(test::richPreset())));
    const PresetReadResult read = readPresetFile(path);
    ASSERT_TRUE(read.ok()) << read.error.toStdString();
    EXPECT_EQ(read.preset, test::richPreset());
}

} // namespace
} // namespace govox::presets
