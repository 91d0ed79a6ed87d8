#include "TestFiles.hpp"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <limits>

namespace govox::presets {

void PrintTo(const Preset& p, std::ostream* os) {
    *os << "Preset{" << p.name.toStdString() << ", voice " << p.voice.toStdString() << ", "
        << p.params.size() << " params, " << p.midiMap.size() << " mappings}";
}

} // namespace govox::presets

namespace govox::presets::test {

Preset richPreset(const QString& name, const QString& voice) {
    Preset p;
    p.name = name;
    p.voice = voice;
    p.author = QStringLiteral("Zoë \"Z\" Müller");
    p.comment = QStringLiteral("Line one\nline two\twith a tab, a backslash \\ and ♪ 🎹");
    p.params = {
        {"Resonance", 0.3},  // linear
        {"Cutoff", 12000.0}, // exponential, at its top
        {"Attack", 0.001},   // exponential, at its bottom
        {"Volume", -40.0},   // decibel
        {"Trim", -6.0206},   // decibel, not a round number
        {"Zero dB", -0.0},   // negative zero
        {"Mode", 3.0},       // stepped
        {"Switch", 0.0},     // stepped, off
        {"Tiny", std::numeric_limits<double>::denorm_min()},
        {"Huge", std::numeric_limits<double>::max()},
        {"Lowest", std::numeric_limits<double>::lowest()},
        {"Sum", 0.1 + 0.2},                       // needs all 17 digits
        {"Größe ♪", 1.0 / 3.0},                   // a name in UTF-8
        {"abcdefghijklmnopqrstuvwxyz01234", 0.5}, // 31 bytes, the longest the ABI takes
    };
    p.midiMap = {{-1, 74, "Cutoff"}, {0, 0, "Resonance"}, {15, 127, "Mode"}, {-1, 74, "Trim"}};
    return p;
}

Preset simplePreset(const QString& name, const QString& voice, double cutoff) {
    Preset p;
    p.name = name;
    p.voice = voice;
    p.params = {{"Cutoff", cutoff}, {"Volume", -12.0}};
    return p;
}

std::vector<ParamRange> exampleVoiceParams(const QString& voice) {
    // The declarations as written in the voice's source, e.g.
    //   {Name: "Cutoff", Min: 80, Max: 12000, Default: 1800, Unit: "Hz", Curve: sdk.Exponential},
    // so that a voice whose ranges change fails the factory preset test.
    static const QRegularExpression declaration(
        QStringLiteral(R"re(\{Name:\s*"([^"]+)",\s*Min:\s*([-0-9.e]+),\s*Max:\s*([-0-9.e]+),)re"
                       R"re(\s*Default:\s*([-0-9.e]+)(?:,\s*Unit:\s*"([^"]*)")?)re"
                       R"re((?:,\s*Curve:\s*sdk\.(\w+))?\s*\})re"));
    const QString source =
        QString::fromUtf8(readFile(QStringLiteral(GOVOX_VOICES_DIR "/%1/main.go").arg(voice)));
    std::vector<ParamRange> params;
    for (auto it = declaration.globalMatch(source); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        const QString curve = m.captured(6);
        params.push_back({m.captured(1), m.captured(5), m.captured(2).toDouble(),
                          m.captured(3).toDouble(), m.captured(4).toDouble(),
                          curve == "Exponential" ? ParamCurve::Exponential
                          : curve == "Decibel"   ? ParamCurve::Decibel
                          : curve == "Stepped"   ? ParamCurve::Stepped
                                                 : ParamCurve::Linear});
    }
    return params;
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(bytes) == bytes.size();
}

QMap<QString, QByteArray> snapshot(const QString& folder) {
    QMap<QString, QByteArray> files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(QDir(folder).relativeFilePath(path), readFile(path));
    }
    return files;
}

} // namespace govox::presets::test
