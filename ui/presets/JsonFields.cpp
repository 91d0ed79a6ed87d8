#include "ui/presets/JsonFields.hpp"

#include <QFile>

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>
#include <limits>

namespace govox::presets::json {
namespace {

// Line and column (both from 1) of a byte offset, for a person reading the file.
QString position(const QByteArray& bytes, qsizetype offset) {
    offset = std::clamp<qsizetype>(offset, 0, bytes.size());
    const QByteArrayView before(bytes.constData(), offset);
    const qsizetype line = before.count('\n') + 1;
    const qsizetype column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return QStringLiteral("line %1, column %2 (offset %3)").arg(line).arg(column).arg(offset);
}

QString describe(const QString& field, const QString& expected, const QJsonValue& found) {
    return QStringLiteral("%1: expected %2, found %3").arg(field, expected, typeName(found));
}

QString kindName(const QString& kind) {
    if (kind == QLatin1String("govox-preset")) return QStringLiteral("a Govox preset");
    if (kind == QLatin1String("govox-bundle")) return QStringLiteral("a Govox bundle");
    return QStringLiteral("a %1 file").arg(quoted(kind));
}

} // namespace

QString typeName(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("true or false");
    case QJsonValue::Double: return QStringLiteral("the number %1").arg(value.toDouble());
    case QJsonValue::String: return QStringLiteral("a string");
    case QJsonValue::Array: return QStringLiteral("an array");
    case QJsonValue::Object: return QStringLiteral("an object");
    case QJsonValue::Undefined: return QStringLiteral("nothing (the field is missing)");
    }
    return QStringLiteral("something unknown");
}

QString quoted(const QString& text) {
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\') out += u'\\';
        if (c.unicode() < 0x20)
            out += QStringLiteral("\\u%1").arg(int(c.unicode()), 4, 16, QChar(u'0'));
        else
            out += c;
    }
    return out + u'"';
}

bool parseObject(const QByteArray& bytes, qint64 maxBytes, const QString& what, QJsonObject& out,
                 QString& error) {
    if (bytes.size() > maxBytes) {
        error = QStringLiteral("too big for %1: %2 bytes, at most %3")
                    .arg(what)
                    .arg(bytes.size())
                    .arg(maxBytes);
        return false;
    }
    QJsonParseError parse{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parse);
    if (parse.error != QJsonParseError::NoError) {
        error = QStringLiteral("malformed JSON at %1: %2")
                    .arg(position(bytes, parse.offset), parse.errorString());
        // Qt's parser refuses numbers out of double's range with this one.
        if (parse.error == QJsonParseError::IllegalNumber)
            error += QStringLiteral(" (numbers must be finite: no NaN, no infinity, no 1e999)");
        return false;
    }
    if (!doc.isObject()) {
        error =
            QStringLiteral("expected %1 as one JSON object, found %2")
                .arg(what, doc.isArray() ? QStringLiteral("an array") : QStringLiteral("nothing"));
        return false;
    }
    out = doc.object();
    return true;
}

bool checkKindAndFormat(const QJsonObject& object, const QString& kind, int newestFormat,
                        QString& error) {
    const QJsonValue kindValue = object.value(QLatin1String("kind"));
    if (!kindValue.isString()) {
        error = describe(QStringLiteral("kind"), quoted(kind), kindValue);
        return false;
    }
    if (kindValue.toString() != kind) {
        error = QStringLiteral("this is %1, not %2")
                    .arg(kindName(kindValue.toString()), kindName(kind));
        return false;
    }
    const QJsonValue formatValue = object.value(QLatin1String("format"));
    int format = 0;
    if (!readInteger(formatValue, QStringLiteral("format"), 1, std::numeric_limits<int>::max(),
                     format, error))
        return false;
    if (format > newestFormat) {
        error = QStringLiteral("made by a newer Govox: format %1, this one reads up to %2")
                    .arg(format)
                    .arg(newestFormat);
        return false;
    }
    return true;
}

bool readString(const QJsonObject& object, const QString& key, const QString& field,
                const StringRule& rule, QString& out, QString& error) {
    const QJsonValue value = object.value(key);
    if (value.isUndefined() && rule.presence == Presence::Optional) {
        out.clear();
        return true;
    }
    if (!value.isString()) {
        error = describe(field, QStringLiteral("a string"), value);
        return false;
    }
    const QString text = value.toString();
    if (!rule.allowEmpty && text.trimmed().isEmpty()) {
        error = QStringLiteral("%1: is empty").arg(field);
        return false;
    }
    if (!QStringView(text).isValidUtf16()) {
        error = QStringLiteral("%1: is not valid Unicode (a lone surrogate)").arg(field);
        return false;
    }
    const qsizetype length = rule.bytes ? text.toUtf8().size() : text.toUcs4().size();
    if (rule.maxLength > 0 && length > rule.maxLength) {
        error =
            QStringLiteral("%1: too long, %2 %4, at most %3 %4")
                .arg(field)
                .arg(length)
                .arg(rule.maxLength)
                .arg(rule.bytes ? QStringLiteral("bytes in UTF-8") : QStringLiteral("characters"));
        return false;
    }
    if (!rule.allowControl) {
        for (const QChar c : text)
            if (c.category() == QChar::Other_Control) {
                error = QStringLiteral("%1: contains a control character (U+%2)")
                            .arg(field)
                            .arg(int(c.unicode()), 4, 16, QChar(u'0'));
                return false;
            }
    }
    out = text;
    return true;
}

bool readNumber(const QJsonValue& value, const QString& field, double& out, QString& error) {
    if (!value.isDouble()) {
        error = describe(field, QStringLiteral("a number"), value);
        return false;
    }
    const double number = value.toDouble();
    if (!std::isfinite(number)) {
        error = QStringLiteral("%1: %2 is not a finite number").arg(field).arg(number);
        return false;
    }
    out = number;
    return true;
}

bool readInteger(const QJsonValue& value, const QString& field, int min, int max, int& out,
                 QString& error) {
    const QString expected = max == std::numeric_limits<int>::max()
                                 ? QStringLiteral("a whole number from %1").arg(min)
                                 : QStringLiteral("a whole number from %1 to %2").arg(min).arg(max);
    if (!value.isDouble()) {
        error = describe(field, expected, value);
        return false;
    }
    const double number = value.toDouble();
    if (!(number >= min && number <= max) || std::floor(number) != number) {
        error = describe(field, expected, value);
        return false;
    }
    out = static_cast<int>(number);
    return true;
}

namespace {

// An array or an object at `key` (which `is` and `to` tell apart), with at most maxCount
// entries.
template <class Container, class Is, class To>
bool readContainer(const QJsonObject& object, const QString& key, const QString& field,
                   Presence presence, qsizetype maxCount, const QString& expected, Is is, To to,
                   Container& out, QString& error) {
    const QJsonValue value = object.value(key);
    if (value.isUndefined() && presence == Presence::Optional) {
        out = {};
        return true;
    }
    if (!is(value)) {
        error = describe(field, expected, value);
        return false;
    }
    out = to(value);
    if (out.size() > maxCount) {
        error = QStringLiteral("%1: too many entries, %2, at most %3")
                    .arg(field)
                    .arg(out.size())
                    .arg(maxCount);
        return false;
    }
    return true;
}

} // namespace

bool readArray(const QJsonObject& object, const QString& key, const QString& field,
               Presence presence, qsizetype maxCount, QJsonArray& out, QString& error) {
    return readContainer(
        object, key, field, presence, maxCount, QStringLiteral("an array"),
        [](const QJsonValue& v) { return v.isArray(); },
        [](const QJsonValue& v) { return v.toArray(); }, out, error);
}

bool readObject(const QJsonObject& object, const QString& key, const QString& field,
                Presence presence, qsizetype maxCount, QJsonObject& out, QString& error) {
    return readContainer(
        object, key, field, presence, maxCount, QStringLiteral("an object"),
        [](const QJsonValue& v) { return v.isObject(); },
        [](const QJsonValue& v) { return v.toObject(); }, out, error);
}

QString readFileBounded(const QString& path, qint64 maxBytes, const QString& what,
                        QByteArray& out) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot open: %1").arg(file.errorString());
    // size() is 0 for pipes and /proc files, so the read itself is bounded too.
    if (file.size() > maxBytes)
        return QStringLiteral("too big for %1: %2 bytes, at most %3")
            .arg(what)
            .arg(file.size())
            .arg(maxBytes);
    out = file.read(maxBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return QStringLiteral("cannot read: %1").arg(file.errorString());
    return {};
}

} // namespace govox::presets::json
