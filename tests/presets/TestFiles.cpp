#include "TestFiles.hpp"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

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
        {"Resonance", 0.3},                 // linear
        {"Cutoff", 12000.0},                // exponential, at its top
        {"Attack", 0.001},                  // exponential, at its bottom
        {"Volume", -40.0},                  // decibel
        {"Trim", -6.0206},                  // decibel, not a round number
        {"Zero dB", -0.0},                  // negative zero
        {"Mode", 3.0},                      // stepped
        {"Switch", 0.0},                    // stepped, off
        {"Tiny", std::numeric_limits<double>::denorm_min()},
        {"Huge", std::numeric_limits<double>::max()},
        {"Lowest", std::numeric_limits<double>::lowest()},
        {"Sum", 0.1 + 0.2},                 // needs all 17 digits
        {"Größe ♪", 1.0 / 3.0},             // a name in UTF-8
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
    using C = ParamCurve;
    if (voice == QLatin1String("pad"))
        return {{"Cutoff", "Hz", 80, 12000, 1800, C::Exponential},
                {"Resonance", "", 0, 0.95, 0.3, C::Linear},
                {"Detune", "cents", 0, 50, 9, C::Linear},
                {"Attack", "s", 0.001, 4, 0.35, C::Exponential},
                {"Release", "s", 0.01, 8, 1.2, C::Exponential},
                {"Volume", "dB", -40, 0, -12, C::Decibel}};
    if (voice == QLatin1String("pluck"))
        return {{"Decay", "s", 0.2, 10, 2.5, C::Exponential},
                {"Brightness", "", 0, 1, 0.6, C::Linear},
                {"Volume", "dB", -40, 0, -6, C::Decibel}};
    if (voice == QLatin1String("gctorture"))
        return {{"Garbage", "KiB", 0, 4096, 1024, C::Linear},
                {"Vibrato", "", 0, 1, 0.3, C::Linear},
                {"Volume", "dB", -40, 0, -14, C::Decibel}};
    return {};
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
