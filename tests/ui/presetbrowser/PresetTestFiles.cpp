#include "PresetTestFiles.hpp"

#include "ui/presets/PresetCodec.hpp"

#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>

#include <gtest/gtest.h>
#include <sndfile.h>

namespace govox::test {

presets::Preset readBack(const QString& path) {
    const presets::PresetReadResult read = presets::readPresetFile(path);
    if (!read.ok()) ADD_FAILURE() << read.error.toStdString();
    return read.preset;
}

void writeSong(const QString& path) {
    // 480 ticks a quarter note at the default 120 bpm: 960 ticks a second.
    const QByteArray track = QByteArray::fromHex("8170"
                                                 "903964"
                                                 "00"
                                                 "903c5a"
                                                 "00"
                                                 "904050" // 0.25 s: A3, C4, E4
                                                 "8740"
                                                 "803900"
                                                 "00"
                                                 "803c00"
                                                 "00"
                                                 "804000" // 1 s later: released
                                                 "8170"
                                                 "90436e" // 0.25 s later: G4
                                                 "8360"
                                                 "804300"     // 0.5 s later: released
                                                 "00ff2f00"); // end of track
    QByteArray file = QByteArray::fromHex("4d546864"
                                          "00000006"
                                          "0000"
                                          "0001"
                                          "01e0");
    file += QByteArray::fromHex("4d54726b");
    const auto size = static_cast<quint32>(track.size());
    for (int shift = 24; shift >= 0; shift -= 8) file += static_cast<char>((size >> shift) & 0xff);
    file += track;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(file) != file.size())
        ADD_FAILURE() << "cannot write " << path.toStdString();
}

Wav readWav(const QString& path) {
    Wav wav;
    SF_INFO info{};
    SNDFILE* f = sf_open(path.toStdString().c_str(), SFM_READ, &info);
    if (!f) {
        wav.error = "cannot read " + path.toStdString() + ": " + sf_strerror(nullptr);
        return wav;
    }
    wav.samples.resize(static_cast<std::size_t>(info.frames * info.channels));
    wav.frames = sf_readf_float(f, wav.samples.data(), info.frames);
    sf_close(f);
    if (info.channels != 2) wav.error = "expected stereo";
    return wav;
}

Run runGovox(const QStringList& args) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("GOVOX_SDK_DIR", GOVOX_SDK_DIR);
    env.insert("GOVOX_VOICEHOST", GOVOX_VOICEHOST_PATH);
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(GOVOX_APP_PATH, args);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        run.output = "govox did not finish: " + QString::fromLocal8Bit(process.readAll());
        return run;
    }
    run.output = QString::fromLocal8Bit(process.readAll());
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

Profile::Profile(const QString& dataHome) {
    hadPrevious_ = qEnvironmentVariableIsSet("XDG_DATA_HOME");
    previous_ = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_DATA_HOME", dataHome.toLocal8Bit());
}

Profile::~Profile() {
    if (hadPrevious_)
        qputenv("XDG_DATA_HOME", previous_);
    else
        qunsetenv("XDG_DATA_HOME");
}

} // namespace govox::test
