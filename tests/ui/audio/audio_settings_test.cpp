// AudioSettings: defaults, the round trip through a QSettings INI file, and what a broken
// settings file turns into.
#include "ui/audio/AudioSettings.hpp"

#include <gtest/gtest.h>

#include <QSettings>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace govox::ui {
namespace {

namespace fs = std::filesystem;
using backend::BackendKind;

// An INI file of its own, removed afterwards.
class IniFile {
public:
    IniFile() {
        static int counter = 0;
        path_ = fs::temp_directory_path() / ("govox-settings-" + std::to_string(getpid()) + "-" +
                                             std::to_string(++counter) + ".ini");
    }
    ~IniFile() {
        std::error_code ignored;
        fs::remove(path_, ignored);
    }
    QString path() const { return QString::fromStdString(path_.string()); }
    std::string text() const {
        std::ifstream in(path_);
        std::stringstream s;
        s << in.rdbuf();
        return s.str();
    }
    void write(const std::string& text) const { std::ofstream(path_) << text; }

private:
    fs::path path_;
};

TEST(AudioSettings, DefaultsAreJackAt48kHzWith128FrameBuffersAnd1024FrameRings) {
    const AudioSettings s;
    EXPECT_EQ(s.backend, BackendKind::Jack);
    EXPECT_EQ(s.device, "");
    EXPECT_EQ(s.sampleRate, 48000u);
    EXPECT_EQ(s.bufferFrames, 128u);
    EXPECT_EQ(s.ringFrames, 1024u);
    EXPECT_TRUE(s.toEngineConfig().fallback);
}

TEST(AudioSettings, RoundTripsThroughAnIniFile) {
    IniFile file;
    AudioSettings saved;
    saved.backend = BackendKind::Qt;
    saved.device = "USB DAC — Front, \"analog\" = 2";
    saved.sampleRate = 96000;
    saved.bufferFrames = 512;
    saved.ringFrames = 3000;
    {
        QSettings out(file.path(), QSettings::IniFormat);
        saved.save(out);
    } // written when it goes
    QSettings in(file.path(), QSettings::IniFormat);
    AudioSettings loaded;
    loaded.load(in);
    EXPECT_EQ(loaded, saved);
    EXPECT_NE(file.text().find("backend=qt"), std::string::npos) << file.text();
}

TEST(AudioSettings, EveryBackendRoundTripsByName) {
    for (BackendKind kind : selectableBackends()) {
        IniFile file;
        AudioSettings saved;
        saved.backend = kind;
        {
            QSettings out(file.path(), QSettings::IniFormat);
            saved.save(out);
        }
        QSettings in(file.path(), QSettings::IniFormat);
        AudioSettings loaded;
        loaded.load(in);
        EXPECT_EQ(loaded.backend, kind) << backend::backendName(kind);
    }
}

TEST(AudioSettings, MissingOrBrokenValuesKeepTheirDefaults) {
    IniFile file;
    file.write("[audio]\nbackend=bogus\nsampleRate=5\nbufferFrames=abc\nringFrames=0\n");
    QSettings in(file.path(), QSettings::IniFormat);
    AudioSettings loaded;
    loaded.load(in);
    EXPECT_EQ(loaded, AudioSettings{});

    IniFile empty;
    QSettings none(empty.path(), QSettings::IniFormat);
    AudioSettings fromNothing;
    fromNothing.bufferFrames = 7; // load() replaces every field
    fromNothing.load(none);
    EXPECT_EQ(fromNothing, AudioSettings{});
}

TEST(AudioSettings, OfflineIsNotALiveOutput) {
    IniFile file;
    file.write("[audio]\nbackend=offline\n");
    QSettings in(file.path(), QSettings::IniFormat);
    AudioSettings loaded;
    loaded.load(in);
    EXPECT_EQ(loaded.backend, BackendKind::Jack);
}

TEST(AudioSettings, EngineConfigCarriesEveryField) {
    AudioSettings s;
    s.backend = BackendKind::Alsa;
    s.device = "hw:1";
    s.sampleRate = 44100;
    s.bufferFrames = 64;
    const audio::EngineConfig c = s.toEngineConfig();
    EXPECT_EQ(c.backend, BackendKind::Alsa);
    EXPECT_TRUE(c.fallback);
    EXPECT_EQ(c.stream.device, "hw:1");
    EXPECT_EQ(c.stream.sampleRate, 44100u);
    EXPECT_EQ(c.stream.bufferFrames, 64u);
}

TEST(AudioSettings, LatencyIsBufferPlusRingAndANoteOnOneBuffer) {
    AudioSettings s; // (128 + 1024) frames at 48 kHz
    EXPECT_DOUBLE_EQ(s.latencyMs(), 24.0);
    EXPECT_DOUBLE_EQ(s.noteLatencyMs(), 1000.0 * 128 / 48000);
    s.sampleRate = 0;
    EXPECT_EQ(s.latencyMs(), 0.0);
    EXPECT_EQ(s.noteLatencyMs(), 0.0);
}

} // namespace
} // namespace govox::ui
