#include "ui/presets/PresetCodec.hpp"

#include "ui/presets/JsonFields.hpp"
#include "ui/presets/PresetLimits.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace govox::presets {
namespace {

using json::Presence;
using json::StringRule;

QString join(const QString& prefix, const QString& field) {
    return prefix.isEmpty() ? field : prefix + u'.' + field;
}

bool readHeader(const QJsonObject& object, const QString& prefix, Preset& out, QString& error) {
    const StringRule name{Presence::Required, kMaxPresetNameChars, false, false, false};
    const StringRule voice{Presence::Required, kMaxVoiceNameBytes, true, false, false};
    const StringRule author{Presence::Optional, kMaxAuthorChars, false, true, false};
    const StringRule comment{Presence::Optional, 0, false, true, true};
    return json::readString(object, QStringLiteral("name"), join(prefix, "name"), name, out.name,
                            error) &&
           json::readString(object, QStringLiteral("voice"), join(prefix, "voice"), voice,
                            out.voice, error) &&
           json::readString(object, QStringLiteral("author"), join(prefix, "author"), author,
                            out.author, error) &&
           json::readString(object, QStringLiteral("comment"), join(prefix, "comment"), comment,
                            out.comment, error);
}

bool checkParamName(const QString& name, const QString& field, QString& error) {
    if (!QStringView(name).isValidUtf16()) {
        error = QStringLiteral("%1: is not valid Unicode (a lone surrogate)").arg(field);
        return false;
    }
    const qsizetype bytes = name.toUtf8().size();
    if (bytes == 0 || bytes > kMaxParamNameBytes) {
        error = QStringLiteral("%1: a parameter name must be 1 to %2 bytes in UTF-8, this one "
                               "has %3")
                    .arg(field)
                    .arg(kMaxParamNameBytes)
                    .arg(bytes);
        return false;
    }
    return true;
}

bool readParams(const QJsonObject& object, const QString& prefix, Preset& out, QString& error) {
    QJsonObject params;
    if (!json::readObject(object, QStringLiteral("params"), join(prefix, "params"),
                          Presence::Required, kMaxPresetParams, params, error))
        return false;
    for (auto it = params.begin(); it != params.end(); ++it) {
        const QString field = join(prefix, "params.") + it.key();
        double value = 0;
        if (!checkParamName(it.key(), join(prefix, "params ") + json::quoted(it.key()), error) ||
            !json::readNumber(it.value(), field, value, error))
            return false;
        out.params.insert(it.key(), value);
    }
    return true;
}

bool readMapping(const QJsonValue& entry, const QString& field, MidiMapping& out, QString& error) {
    if (!entry.isObject()) {
        error =
            QStringLiteral("%1: expected an object, found %2").arg(field, json::typeName(entry));
        return false;
    }
    const QJsonObject object = entry.toObject();
    const StringRule param{Presence::Required, 0, false, false, true};
    return json::readInteger(object.value(QLatin1String("channel")), field + ".channel", -1,
                             kMaxMidiChannel, out.channel, error) &&
           json::readInteger(object.value(QLatin1String("controller")), field + ".controller", 0,
                             kMaxMidiController, out.controller, error) &&
           json::readString(object, QStringLiteral("param"), field + ".param", param, out.param,
                            error) &&
           checkParamName(out.param, field + ".param", error);
}

bool readMidiMap(const QJsonObject& object, const QString& prefix, Preset& out, QString& error) {
    QJsonArray entries;
    if (!json::readArray(object, QStringLiteral("midiMap"), join(prefix, "midiMap"),
                         Presence::Optional, kMaxMidiMappings, entries, error))
        return false;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        MidiMapping mapping;
        if (!readMapping(entries.at(i), join(prefix, QStringLiteral("midiMap[%1]").arg(i)), mapping,
                         error))
            return false;
        out.midiMap.append(mapping);
    }
    return true;
}

PresetReadResult failed(const QString& origin, const QString& error) {
    return {Preset{}, origin + QStringLiteral(": ") + error};
}

} // namespace

PresetReadResult presetFromJson(const QJsonObject& object, const QString& origin,
                                const QString& field) {
    QString error;
    if (!json::checkKindAndFormat(object, QLatin1String(kPresetKind), kPresetFormat, error))
        return failed(origin, field.isEmpty() ? error : field + QStringLiteral(": ") + error);
    Preset preset;
    if (!readHeader(object, field, preset, error) || !readParams(object, field, preset, error) ||
        !readMidiMap(object, field, preset, error))
        return failed(origin, error);
    return {preset, {}};
}

PresetReadResult readPreset(const QByteArray& bytes, const QString& origin) {
    QJsonObject object;
    QString error;
    if (!json::parseObject(bytes, kMaxPresetFileBytes, QStringLiteral("a preset"), object, error))
        return failed(origin, error);
    return presetFromJson(object, origin, {});
}

PresetReadResult readPresetFile(const QString& path) {
    QByteArray bytes;
    if (const QString error =
            json::readFileBounded(path, kMaxPresetFileBytes, QStringLiteral("a preset"), bytes);
        !error.isEmpty())
        return failed(path, error);
    return readPreset(bytes, path);
}

QJsonObject presetToJson(const Preset& preset) {
    QJsonObject params;
    for (auto it = preset.params.begin(); it != preset.params.end(); ++it)
        params.insert(it.key(), it.value());
    QJsonArray midiMap;
    for (const MidiMapping& m : preset.midiMap)
        midiMap.append(
            QJsonObject{{"channel", m.channel}, {"controller", m.controller}, {"param", m.param}});
    QJsonObject object{{"format", kPresetFormat}, {"kind", QLatin1String(kPresetKind)},
                       {"name", preset.name},     {"voice", preset.voice},
                       {"params", params},        {"midiMap", midiMap}};
    if (!preset.author.isEmpty()) object.insert("author", preset.author);
    if (!preset.comment.isEmpty()) object.insert("comment", preset.comment);
    return object;
}

QByteArray writePreset(const Preset& preset) {
    return QJsonDocument(presetToJson(preset)).toJson(QJsonDocument::Indented);
}

QString checkPreset(const Preset& preset) {
    const QString origin = QStringLiteral("preset %1").arg(json::quoted(preset.name));
    // JSON cannot hold them (Qt would write null), so say so before the round trip does.
    for (auto it = preset.params.begin(); it != preset.params.end(); ++it)
        if (!std::isfinite(it.value()))
            return QStringLiteral("%1: params.%2: %3 is not a finite number")
                .arg(origin, it.key())
                .arg(it.value());
    // The reader is the definition of a valid preset.
    return readPreset(writePreset(preset), origin).error;
}

} // namespace govox::presets
