// PresetTestFiles.hpp - what the preset browser tests share: reading a preset file back,
// a short MIDI song, reading a rendered WAV, running the govox command, and a profile (the
// XDG data folder) switched for the length of a scope.
#pragma once

#include "ui/presets/Preset.hpp"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace govox::test {

// The preset in `path`; fails the calling test (ADD_FAILURE) if it cannot be read.
presets::Preset readBack(const QString& path);

// A format-0 MIDI file: a three-note chord at 0.25 s held for a second, then a single note.
void writeSong(const QString& path);

struct Wav {
    std::vector<float> samples; // interleaved stereo
    long long frames = 0;
    std::string error;
};
Wav readWav(const QString& path);

struct Run {
    int exitCode = -1;
    QString output; // stdout and stderr
};
// Runs the govox executable with `args` (GOVOX_SDK_DIR and GOVOX_VOICEHOST set to this
// build's), waiting up to two minutes.
Run runGovox(const QStringList& args);

// Sets XDG_DATA_HOME (a profile: presets, imported voices) until destroyed.
class Profile {
public:
    explicit Profile(const QString& dataHome);
    ~Profile();
    Profile(const Profile&) = delete;
    Profile& operator=(const Profile&) = delete;

private:
    QByteArray previous_;
    bool hadPrevious_ = false;
};

} // namespace govox::test
