// JsonFields.hpp - reads typed fields out of untrusted JSON, with messages that say which
// field, what was expected and what was found ("midiMap[2].controller: expected a whole
// number from 0 to 127, found 300").
//
// Aims
// - Shared by the preset and the bundle readers so both word their problems alike.
// - Each reader returns false and sets `error` (without the file's name: the caller adds
//   it once, in front).
//
// Threads: any; allocates.
#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace govox::presets::json {

// "a string", "a number", "an array", "an object", "true or false", "null", "nothing".
QString typeName(const QJsonValue& value);

// Parses `bytes` as one JSON object. Refuses more than `maxBytes` before parsing; a syntax
// error is reported with line, column and offset. `what` names the content ("a preset").
bool parseObject(const QByteArray& bytes, qint64 maxBytes, const QString& what, QJsonObject& out,
                 QString& error);

// The `kind` and `format` fields every Govox file carries: a file of another kind is named
// ("a Govox bundle, not a preset"), a newer format is refused before anything else is read.
bool checkKindAndFormat(const QJsonObject& object, const QString& kind, int newestFormat,
                        QString& error);

enum class Presence { Required, Optional };

// Strings: `maxLength` counts UTF-8 bytes when `bytes` is true, characters otherwise.
struct StringRule {
    Presence presence = Presence::Required;
    qsizetype maxLength = 0;
    bool bytes = false;
    bool allowEmpty = false;
    bool allowControl = true; // control characters (newlines, NUL) in the text
};

bool readString(const QJsonObject& object, const QString& key, const QString& field,
                const StringRule& rule, QString& out, QString& error);
// A finite number (JSON has no NaN or infinity, but a value may still arrive as null).
bool readNumber(const QJsonValue& value, const QString& field, double& out, QString& error);
// A whole number within [min, max].
bool readInteger(const QJsonValue& value, const QString& field, int min, int max, int& out,
                 QString& error);
// An array or an object of at most `maxCount` elements.
bool readArray(const QJsonObject& object, const QString& key, const QString& field,
               Presence presence, qsizetype maxCount, QJsonArray& out, QString& error);
bool readObject(const QJsonObject& object, const QString& key, const QString& field,
                Presence presence, qsizetype maxCount, QJsonObject& out, QString& error);

// A JSON string literal for `text`, quotes included, for messages.
QString quoted(const QString& text);

// Reads at most maxBytes (+1, so that a file that grew shows as too big) of `path`; the
// empty string, or why not ("too big for <what>: ..."). Bounded even where size() says 0
// (pipes, /proc files).
QString readFileBounded(const QString& path, qint64 maxBytes, const QString& what, QByteArray& out);

} // namespace govox::presets::json
