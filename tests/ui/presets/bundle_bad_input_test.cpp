// Bad bundles: paths that would escape the folder they are unpacked into, wrong kinds and
// versions, presets of another voice, sizes over the limits. Each is refused with its
// reason, and nothing is written anywhere.
#include "TestFiles.hpp"
#include "ui/presets/BundleCodec.hpp"
#include "ui/presets/BundleExport.hpp"
#include "ui/presets/PresetLimits.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <string>

namespace govox::presets {
namespace {

// A bundle whose only source file has this path.
QByteArray withPath(const QString& path) {
    const QJsonObject file{{"path", path}, {"content", "package main\n"}};
    const QJsonObject bundle{{"format", 1},
                             {"kind", "govox-bundle"},
                             {"voice", "pad"},
                             {"presets", QJsonArray{}},
                             {"source", QJsonObject{{"files", QJsonArray{file}}}}};
    return QJsonDocument(bundle).toJson();
}

struct BadPath {
    const char* label;
    QString path;
    const char* message;
};

const BadPath kBadPaths[] = {
    {"parent", "../x.go", "\"../x.go\" contains \"..\", which would leave the folder"},
    {"absolute", "/etc/passwd", "\"/etc/passwd\" is absolute"},
    {"absoluteGo", "/tmp/x.go", "\"/tmp/x.go\" is absolute"},
    {"upAndOut", "a/../../b.go", "\"a/../../b.go\" contains \"..\", which would leave the folder"},
    {"upAndBack", "a/../b.go", "\"a/../b.go\" contains \"..\""},
    {"deepParent", "a/b/../../../c.go", "contains \"..\""},
    {"backslash", "..\\x.go", "\"..\\\\x.go\" contains a backslash"},
    {"backslashInside", "a\\b.go", "contains a backslash"},
    {"nul", QStringLiteral("x.go") + QChar(0) + QStringLiteral("/../../evil.go"),
     "contains a NUL character"},
    {"newline", "x\n.go", "contains a control character"},
    {"dot", "./x.go",
     "\"./x.go\" is not a plain relative path (as \"x.go\" it would leave or "
     "rename the folder)"},
    {"doubleSlash", "a//b.go", "is not a plain relative path"},
    {"trailingSlash", "a/", "is not a plain relative path"},
    {"onlyDot", ".", "is not a plain relative path"},
    {"notGo", "run.sh",
     "\"run.sh\" is not Go source: a bundle holds only .go files, go.mod and "
     "go.sum"},
    {"bashrc", "../../.bashrc", "contains \"..\""},
    {"bareSuffix", ".go", "is not Go source"},
    {"empty", "", "source.files[0].path: is empty"},
};

class BundleBadPath : public ::testing::TestWithParam<BadPath> {};

TEST_P(BundleBadPath, IsRefusedBeforeAnythingIsWritten) {
    QTemporaryDir home;
    const QString dest = home.filePath("data/voices/pad");
    const QString bundle = home.filePath("in/evil.govoxbundle");
    ASSERT_TRUE(test::writeFile(bundle, withPath(GetParam().path)));
    PresetStore store(home.filePath("data/presets"));
    const auto before = test::snapshot(home.path());

    const BundleImportResult in = importBundle(store, bundle, dest, Overwrite::Replace);
    EXPECT_FALSE(in.ok());
    EXPECT_TRUE(in.error.startsWith(bundle + ": source.files[0].path: ")) << in.error.toStdString();
    EXPECT_NE(in.error.indexOf(QString::fromUtf8(GetParam().message)), -1)
        << "got:      " << in.error.toStdString() << "\nexpected: " << GetParam().message;
    EXPECT_EQ(test::snapshot(home.path()), before);
    EXPECT_FALSE(QFile::exists(home.filePath("data")));
    EXPECT_FALSE(QFile::exists(home.filePath("x.go")));
    EXPECT_FALSE(QFile::exists(home.filePath("data/b.go")));
}

INSTANTIATE_TEST_SUITE_P(Escapes, BundleBadPath, ::testing::ValuesIn(kBadPaths),
                         [](const auto& param) { return std::string(param.param.label); });

struct BadBundle {
    const char* label;
    std::string json;
    const char* message;
};

const BadBundle kBadBundles[] = {
    {"malformed", R"({"format":1,"kind":"govox-bundle",)", "malformed JSON at line 1, column 35"},
    {"preset", R"({"format":1,"kind":"govox-preset","name":"x"})",
     "this is a Govox preset, not a Govox bundle"},
    {"newer", R"({"format":3,"kind":"govox-bundle"})",
     "made by a newer Govox: format 3, this one reads up to 1"},
    {"noVoice", R"({"format":1,"kind":"govox-bundle","presets":[]})",
     "voice: expected a string, found nothing (the field is missing)"},
    {"presetsObject", R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":{}})",
     "presets: expected an array, found an object"},
    {"presetNotObject", R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[1]})",
     "presets[0]: expected an object, found the number 1"},
    {"presetBroken",
     R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[{"format":1,"kind":"govox-preset","name":"A","voice":"pad","params":{"Cutoff":"x"}}]})",
     "presets[0].params.Cutoff: expected a number, found a string"},
    {"presetNewer",
     R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[{"format":2,"kind":"govox-preset"}]})",
     "presets[0]: made by a newer Govox: format 2, this one reads up to 1"},
    {"presetOtherVoice",
     R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[{"format":1,"kind":"govox-preset","name":"N","voice":"pluck","params":{}}]})",
     "presets[0]: preset \"N\" is for the voice \"pluck\", not for \"pad\""},
    {"sourceArray", R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[],"source":[]})",
     "source: expected an object, found an array"},
    {"filesObject",
     R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[],"source":{"files":{}}})",
     "source.files: expected an array, found an object"},
    {"contentMissing",
     R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[],"source":{"files":[{"path":"a.go"}]}})",
     "source.files[0].content: expected a string, found nothing (the field is missing)"},
    {"duplicatePath",
     R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[],"source":{"files":[{"path":"a.go","content":""},{"path":"a.go","content":"x"}]}})",
     "source.files[1].path: \"a.go\" appears twice"},
    {"empty", R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[]})",
     "holds neither presets nor source"},
    {"sourceFileTooBig",
     R"({"format":1,"kind":"govox-bundle","voice":"pad","presets":[],"source":{"files":[{"path":"a.go","content":")" +
         std::string(kMaxSourceFileBytes + 1, 'x') + "\"}]}}",
     "source.files[0]: a.go is too big, 1048577 bytes, at most 1048576"},
};

class BundleBadInput : public ::testing::TestWithParam<BadBundle> {};

TEST_P(BundleBadInput, IsRefusedWithItsReason) {
    const BundleReadResult read =
        readBundle(QByteArray::fromStdString(GetParam().json), QStringLiteral("x.govoxbundle"));
    EXPECT_FALSE(read.ok());
    EXPECT_EQ(read.bundle, Bundle{});
    EXPECT_TRUE(read.error.startsWith("x.govoxbundle: ")) << read.error.toStdString();
    EXPECT_NE(read.error.indexOf(QString::fromUtf8(GetParam().message)), -1)
        << "got:      " << read.error.toStdString() << "\nexpected: " << GetParam().message;
}

INSTANTIATE_TEST_SUITE_P(EveryKind, BundleBadInput, ::testing::ValuesIn(kBadBundles),
                         [](const auto& param) { return std::string(param.param.label); });

TEST(BundleLimits, ABundleOverSixteenMebibytesIsRefusedBeforeItIsRead) {
    QTemporaryDir dir;
    const QString path = dir.filePath("huge.govoxbundle");
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    ASSERT_TRUE(file.resize(kMaxBundleFileBytes + 1));
    file.close();
    EXPECT_EQ(readBundleFile(path).error,
              path + ": too big for a bundle: 16777217 bytes, at most 16777216");
    EXPECT_EQ(readBundle(QByteArray(kMaxBundleFileBytes + 1, ' '), "b").error,
              "b: too big for a bundle: 16777217 bytes, at most 16777216");
}

TEST(BundleLimits, AnExportThatWouldExceedTheLimitIsRefused) {
    QTemporaryDir dir;
    for (int i = 0; i < 17; ++i)
        ASSERT_TRUE(test::writeFile(dir.filePath(QStringLiteral("v/f%1.go").arg(i)),
                                    QByteArray(kMaxSourceFileBytes - 100, '/')));
    const ExportResult out =
        exportBundle("pad", dir.filePath("v"), {}, dir.filePath("b"), Overwrite::Refuse);
    EXPECT_NE(out.error.indexOf("too big for a bundle"), -1) << out.error.toStdString();
    EXPECT_FALSE(QFile::exists(dir.filePath("b.govoxbundle")));
}

} // namespace
} // namespace govox::presets
