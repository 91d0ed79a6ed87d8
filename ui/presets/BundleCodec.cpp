#include "ui/presets/BundleCodec.hpp"

#include "ui/presets/JsonFields.hpp"
#include "ui/presets/PresetCheck.hpp"
#include "ui/presets/PresetCodec.hpp"
#include "ui/presets/PresetLimits.hpp"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStringDecoder>

namespace govox::presets {
namespace {

using json::Presence;

BundleReadResult failed(const QString& origin, const QString& error) {
    return {Bundle{}, origin + QStringLiteral(": ") + error};
}

bool readPresets(const QJsonObject& object, const QString& origin, Bundle& out, QString& error) {
    QJsonArray presets;
    if (!json::readArray(object, QStringLiteral("presets"), QStringLiteral("presets"),
                         Presence::Required, kMaxBundlePresets, presets, error))
        return false;
    for (qsizetype i = 0; i < presets.size(); ++i) {
        const QString field = QStringLiteral("presets[%1]").arg(i);
        if (!presets.at(i).isObject()) {
            error = QStringLiteral("%1: expected an object, found %2")
                        .arg(field, json::typeName(presets.at(i)));
            return false;
        }
        PresetReadResult read = presetFromJson(presets.at(i).toObject(), origin, field);
        if (read.ok() && read.preset.voice != out.voice)
            read.error = origin + QStringLiteral(": ") + field + QStringLiteral(": ") +
                         checkPresetVoice(read.preset, out.voice);
        if (!read.ok()) {
            error = read.error.mid(origin.size() + 2); // the caller puts the origin back
            return false;
        }
        out.presets.append(read.preset);
    }
    return true;
}

bool readSourceFile(const QJsonValue& entry, const QString& field, SourceFile& out,
                    QString& error) {
    if (!entry.isObject()) {
        error =
            QStringLiteral("%1: expected an object, found %2").arg(field, json::typeName(entry));
        return false;
    }
    const QJsonObject object = entry.toObject();
    const json::StringRule pathRule{Presence::Required, kMaxSourcePathBytes, true, false, true};
    const json::StringRule contentRule{Presence::Required, 0, false, true, true};
    QString content;
    if (!json::readString(object, QStringLiteral("path"), field + ".path", pathRule, out.path,
                          error) ||
        !json::readString(object, QStringLiteral("content"), field + ".content", contentRule,
                          content, error))
        return false;
    if (const QString bad = checkSourcePath(out.path); !bad.isEmpty()) {
        error = QStringLiteral("%1.path: %2").arg(field, bad);
        return false;
    }
    out.content = content.toUtf8();
    if (out.content.size() > kMaxSourceFileBytes) {
        error = QStringLiteral("%1: %2 is too big, %3 bytes, at most %4")
                    .arg(field, out.path)
                    .arg(out.content.size())
                    .arg(kMaxSourceFileBytes);
        return false;
    }
    return true;
}

bool readSource(const QJsonObject& object, Bundle& out, QString& error) {
    QJsonObject source;
    QJsonArray files;
    if (!json::readObject(object, QStringLiteral("source"), QStringLiteral("source"),
                          Presence::Optional, 16, source, error) ||
        !json::readArray(source, QStringLiteral("files"), QStringLiteral("source.files"),
                         Presence::Optional, kMaxSourceFiles, files, error))
        return false;
    QSet<QString> seen;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QString field = QStringLiteral("source.files[%1]").arg(i);
        SourceFile file;
        if (!readSourceFile(files.at(i), field, file, error)) return false;
        if (seen.contains(file.path)) {
            error = QStringLiteral("%1.path: %2 appears twice").arg(field, json::quoted(file.path));
            return false;
        }
        seen.insert(file.path);
        out.source.append(file);
    }
    return true;
}

} // namespace

bool isSourceFileName(const QString& fileName) {
    return (fileName.endsWith(QLatin1String(".go")) && fileName.size() > 3) ||
           fileName == QLatin1String("go.mod") || fileName == QLatin1String("go.sum");
}

QString checkSourcePath(const QString& path) {
    const QString q = json::quoted(path);
    if (path.isEmpty()) return QStringLiteral("an empty path");
    if (path.contains(QChar(0))) return QStringLiteral("%1 contains a NUL character").arg(q);
    if (path.contains(u'\\')) return QStringLiteral("%1 contains a backslash").arg(q);
    for (const QChar c : path)
        if (c.category() == QChar::Other_Control)
            return QStringLiteral("%1 contains a control character").arg(q);
    if (path.startsWith(u'/')) return QStringLiteral("%1 is absolute").arg(q);
    if (path.split(u'/').contains(QStringLiteral("..")))
        return QStringLiteral("%1 contains \"..\", which would leave the folder").arg(q);
    // What is left ("a//b", "./a", "a/.") is refused unless it is already in normal form, so
    // the path checked is the path written.
    const QString clean = QDir::cleanPath(path);
    if (clean != path || clean == QLatin1String(".") || clean.startsWith(QLatin1String("../")))
        return QStringLiteral("%1 is not a plain relative path (as %2 it would leave or "
                              "rename the folder)")
            .arg(q, json::quoted(clean));
    if (!isSourceFileName(path.section(u'/', -1)))
        return QStringLiteral("%1 is not Go source: a bundle holds only .go files, go.mod "
                              "and go.sum")
            .arg(q);
    return {};
}

BundleReadResult readBundle(const QByteArray& bytes, const QString& origin) {
    QJsonObject object;
    QString error;
    Bundle bundle;
    const json::StringRule voice{Presence::Required, kMaxVoiceNameBytes, true, false, false};
    if (!json::parseObject(bytes, kMaxBundleFileBytes, QStringLiteral("a bundle"), object, error) ||
        !json::checkKindAndFormat(object, QLatin1String(kBundleKind), kBundleFormat, error) ||
        !json::readString(object, QStringLiteral("voice"), QStringLiteral("voice"), voice,
                          bundle.voice, error) ||
        !readPresets(object, origin, bundle, error) || !readSource(object, bundle, error))
        return failed(origin, error);
    if (bundle.presets.isEmpty() && bundle.source.isEmpty())
        return failed(origin, QStringLiteral("holds neither presets nor source"));
    return {bundle, {}};
}

BundleReadResult readBundleFile(const QString& path) {
    QByteArray bytes;
    if (const QString error =
            json::readFileBounded(path, kMaxBundleFileBytes, QStringLiteral("a bundle"), bytes);
        !error.isEmpty())
        return failed(path, error);
    return readBundle(bytes, path);
}

QByteArray writeBundle(const Bundle& bundle) {
    QJsonArray presets;
    for (const Preset& p : bundle.presets) presets.append(presetToJson(p));
    QJsonArray files;
    for (const SourceFile& f : bundle.source)
        files.append(QJsonObject{{"path", f.path}, {"content", QString::fromUtf8(f.content)}});
    QJsonObject object{{"format", kBundleFormat},
                       {"kind", QLatin1String(kBundleKind)},
                       {"voice", bundle.voice},
                       {"presets", presets}};
    if (!files.isEmpty()) object.insert("source", QJsonObject{{"files", files}});
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QString checkBundle(const Bundle& bundle) {
    const QString origin = QStringLiteral("the bundle of %1").arg(json::quoted(bundle.voice));
    for (const Preset& p : bundle.presets)
        if (const QString problem = checkPreset(p); !problem.isEmpty())
            return origin + QStringLiteral(": ") + problem;
    // Text only: bytes that are not UTF-8 would not survive the JSON string.
    for (const SourceFile& f : bundle.source) {
        QStringDecoder utf8(QStringDecoder::Utf8);
        (void)QString(utf8(f.content));
        if (utf8.hasError())
            return QStringLiteral("%1: %2 is not UTF-8 text").arg(origin, json::quoted(f.path));
    }
    // The reader is the definition of a valid bundle.
    return readBundle(writeBundle(bundle), origin).error;
}

} // namespace govox::presets
