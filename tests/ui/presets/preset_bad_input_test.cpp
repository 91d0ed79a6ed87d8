// Bad preset files, one by one: each is refused with a message that names the file, the
// field, what was expected and what was found - and importing it changes nothing.
#include "TestFiles.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/presets/PresetExport.hpp"
#include "ui/presets/PresetLimits.hpp"
#include "ui/presets/PresetStore.hpp"

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <string>

namespace govox::presets {
namespace {

struct BadPreset {
    const char* label;
    std::string json;
    const char* message; // what the error says after "<file>: "
};

const std::string kParams = R"({"Cutoff":1200})";

std::string valid(const std::string& params = kParams, const std::string& midiMap = "[]",
                  const std::string& name = R"("Warm")") {
    return R"({"format":1,"kind":"govox-preset","name":)" + name + R"(,"voice":"pad","params":)" +
           params + R"(,"midiMap":)" + midiMap + "}";
}

std::string manyParams(int count) {
    std::string out = "{";
    for (int i = 0; i < count; ++i) out += (i ? ",\"p" : "\"p") + std::to_string(i) + "\":1";
    return out + "}";
}

std::string manyMappings(int count) {
    std::string out = "[";
    for (int i = 0; i < count; ++i)
        out += std::string(i ? "," : "") + R"({"channel":-1,"controller":1,"param":"Cutoff"})";
    return out + "]";
}

std::string mapping(const std::string& channel, const std::string& controller) {
    return R"([{"channel":)" + channel + R"(,"controller":)" + controller +
           R"(,"param":"Cutoff"}])";
}

const BadPreset kBad[] = {
    {"empty", "", "malformed JSON at line 1, column 1 (offset 0): illegal value"},
    {"truncated", "{\"format\":1,\n \"kind\": ",
     "malformed JSON at line 2, column 10 (offset 22): unterminated object"},
    {"missingComma", "{\"format\":1 \"kind\":\"govox-preset\"}",
     "malformed JSON at line 1, column 14 (offset 13): unterminated object"},
    {"infinity", valid(R"({"Cutoff":1e999})"),
     "malformed JSON at line 1, column 87 (offset 86): illegal number (numbers must be finite: "
     "no NaN, no infinity, no 1e999)"},
    {"nan", valid(R"({"Cutoff":NaN})"), "illegal number (numbers must be finite"},
    {"array", "[1,2]", "expected a preset as one JSON object, found an array"},
    {"bundle", R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[]})",
     "this is a Govox bundle, not a Govox preset"},
    {"otherKind", R"({"format":1,"kind":"recipe"})",
     "this is a \"recipe\" file, not a Govox preset"},
    {"noKind", R"({"format":1,"name":"Warm"})",
     "kind: expected \"govox-preset\", found nothing (the field is missing)"},
    {"newerFormat", R"({"format":2,"kind":"govox-preset","name":"Warm","stuff":[]})",
     "made by a newer Govox: format 2, this one reads up to 1"},
    {"noFormat", R"({"kind":"govox-preset"})",
     "format: expected a whole number from 1, found nothing (the field is missing)"},
    {"formatString", R"({"format":"1","kind":"govox-preset"})",
     "format: expected a whole number from 1, found a string"},
    {"formatFraction", R"({"format":1.5,"kind":"govox-preset"})",
     "format: expected a whole number from 1, found the number 1.5"},
    {"formatZero", R"({"format":0,"kind":"govox-preset"})",
     "format: expected a whole number from 1, found the number 0"},
    {"noName", R"({"format":1,"kind":"govox-preset","voice":"pad","params":{}})",
     "name: expected a string, found nothing (the field is missing)"},
    {"nameNumber", valid(kParams, "[]", "3"), "name: expected a string, found the number 3"},
    {"nameEmpty", valid(kParams, "[]", R"("  ")"), "name: is empty"},
    {"nameTooLong", valid(kParams, "[]", "\"" + std::string(65, 'n') + "\""),
     "name: too long, 65 characters, at most 64 characters"},
    {"nameNewline", valid(kParams, "[]", R"("Warm\nPad")"),
     "name: contains a control character (U+000a)"},
    {"nameLoneSurrogate", valid(kParams, "[]", R"("Warm \ud800")"),
     "name: is not valid Unicode (a lone surrogate)"},
    {"noVoice", R"({"format":1,"kind":"govox-preset","name":"Warm","params":{}})",
     "voice: expected a string, found nothing (the field is missing)"},
    {"voiceObject", R"({"format":1,"kind":"govox-preset","name":"Warm","voice":{},"params":{}})",
     "voice: expected a string, found an object"},
    {"authorTooLong",
     R"({"format":1,"kind":"govox-preset","name":"W","voice":"pad","params":{},"author":")" +
         std::string(129, 'a') + "\"}",
     "author: too long, 129 characters, at most 128 characters"},
    {"commentNumber",
     R"({"format":1,"kind":"govox-preset","name":"W","voice":"pad","params":{},"comment":7})",
     "comment: expected a string, found the number 7"},
    {"noParams", R"({"format":1,"kind":"govox-preset","name":"Warm","voice":"pad"})",
     "params: expected an object, found nothing (the field is missing)"},
    {"paramsArray", valid("[1200]"), "params: expected an object, found an array"},
    {"paramString", valid(R"({"Cutoff":"1200"})"),
     "params.Cutoff: expected a number, found a string"},
    {"paramNull", valid(R"({"Cutoff":null})"), "params.Cutoff: expected a number, found null"},
    {"paramBool", valid(R"({"Cutoff":true})"),
     "params.Cutoff: expected a number, found true or false"},
    {"paramNameEmpty", valid(R"({"":1})"),
     "params \"\": a parameter name must be 1 to 31 bytes in UTF-8, this one has 0"},
    {"paramNameTooLong", valid(R"({"ÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉÉ":1})"), // 16 characters, 32 bytes
     "a parameter name must be 1 to 31 bytes in UTF-8, this one has 32"},
    {"tooManyParams", valid(manyParams(kMaxPresetParams + 1)),
     "params: too many entries, 257, at most 256"},
    {"midiMapObject", valid(kParams, "{}"), "midiMap: expected an array, found an object"},
    {"mappingNotObject", valid(kParams, "[74]"),
     "midiMap[0]: expected an object, found the number 74"},
    {"controllerHigh", valid(kParams, mapping("-1", "128")),
     "midiMap[0].controller: expected a whole number from 0 to 127, found the number 128"},
    {"controllerNegative", valid(kParams, mapping("-1", "-1")),
     "midiMap[0].controller: expected a whole number from 0 to 127, found the number -1"},
    {"controllerFraction", valid(kParams, mapping("-1", "7.5")),
     "midiMap[0].controller: expected a whole number from 0 to 127, found the number 7.5"},
    {"controllerString", valid(kParams, mapping("-1", "\"74\"")),
     "midiMap[0].controller: expected a whole number from 0 to 127, found a string"},
    {"channelHigh", valid(kParams, mapping("16", "74")),
     "midiMap[0].channel: expected a whole number from -1 to 15, found the number 16"},
    {"channelLow", valid(kParams, mapping("-2", "74")),
     "midiMap[0].channel: expected a whole number from -1 to 15, found the number -2"},
    {"channelMissing", valid(kParams, R"([{"controller":74,"param":"Cutoff"}])"),
     "midiMap[0].channel: expected a whole number from -1 to 15, found nothing (the field is "
     "missing)"},
    {"mappingParamMissing",
     valid(kParams, R"([{"channel":1,"controller":2,"param":"A"},{"channel":1,"controller":2}])"),
     "midiMap[1].param: expected a string, found nothing (the field is missing)"},
    {"mappingParamTooLong",
     valid(kParams, R"([{"channel":1,"controller":2,"param":")" + std::string(32, 'p') + "\"}]"),
     "midiMap[0].param: a parameter name must be 1 to 31 bytes in UTF-8, this one has 32"},
    {"tooManyMappings", valid(kParams, manyMappings(kMaxMidiMappings + 1)),
     "midiMap: too many entries, 257, at most 256"},
    {"huge", valid() + std::string(kMaxPresetFileBytes, ' '),
     "too big for a preset: 1048676 bytes, at most 1048576"},
};

class PresetBadInput : public ::testing::TestWithParam<BadPreset> {};

TEST_P(PresetBadInput, IsRefusedWithAMessageNamingTheProblem) {
    const BadPreset& bad = GetParam();
    const QByteArray bytes = QByteArray::fromStdString(bad.json);
    const PresetReadResult read = readPreset(bytes, QStringLiteral("/somewhere/Warm.govoxpreset"));
    EXPECT_FALSE(read.ok());
    EXPECT_EQ(read.preset, Preset{}); // nothing half-read
    const QString prefix = QStringLiteral("/somewhere/Warm.govoxpreset: ");
    EXPECT_TRUE(read.error.startsWith(prefix)) << read.error.toStdString();
    EXPECT_NE(read.error.indexOf(QString::fromUtf8(bad.message)), -1)
        << "got:      " << read.error.toStdString() << "\nexpected: " << bad.message;
}

TEST_P(PresetBadInput, ImportingItChangesNothingInTheLibrary) {
    QTemporaryDir root;
    PresetStore store(root.path());
    ASSERT_TRUE(store.save(test::simplePreset("Warm"), Overwrite::Refuse).ok());
    const auto before = test::snapshot(root.path());
    const QString path = root.filePath("incoming/Warm.govoxpreset");
    ASSERT_TRUE(test::writeFile(path, QByteArray::fromStdString(GetParam().json)));

    const ImportResult result = importPresetFile(store, path, QStringLiteral("pad"));
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(result.error.startsWith(path)) << result.error.toStdString();
    EXPECT_TRUE(result.imported.isEmpty());
    auto after = test::snapshot(root.path());
    after.remove(QStringLiteral("incoming/Warm.govoxpreset"));
    EXPECT_EQ(after, before);
}

INSTANTIATE_TEST_SUITE_P(EveryKind, PresetBadInput, ::testing::ValuesIn(kBad),
                         [](const auto& param) { return std::string(param.param.label); });

} // namespace
} // namespace govox::presets
