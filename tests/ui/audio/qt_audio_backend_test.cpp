// QtAudioBackend (Qt Multimedia's QAudioSink) against a private PulseAudio server, which is
// what Qt 6.4 plays through on Linux: a tone through the real mixer into a null sink,
// recorded from its monitor; a missing device; a device unplugged while playing; the
// fallback to the default device; and the settings dialog following devices as they come
// and go.
//
// Qt's audio service connects to the server once per process, so the server and the
// QApplication live for the whole program (a global environment); ctest runs each test as
// a program of its own.
#include "ToneRig.hpp"
#include "engine/backend/AudioBackend.hpp"
#include "tests/support/pulse/PulseCapture.hpp"
#include "tests/support/pulse/PulseTestServer.hpp"
#include "ui/audio/AudioSettingsDialog.hpp"
#include "ui/audio/AudioStart.hpp"
#include "ui/audio/QtAudioBackend.hpp"

#include <gtest/gtest.h>

#include <QApplication>
#include <QAudioDevice>
#include <QComboBox>
#include <QMediaDevices>
#include <QTest>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <thread>

namespace govox::ui::test {
namespace {

constexpr std::uint32_t kRate = 48000;
const std::string kSinkName = PulseTestServer::kSinkDescription;

// The server first: PULSE_SERVER must be set before Qt's audio service first connects.
class PulseAndQt final : public ::testing::Environment {
public:
    void SetUp() override {
        server = std::make_unique<PulseTestServer>(kRate);
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        app_ = std::make_unique<QApplication>(argc_, argv_);
        registerQtAudioBackend();
    }
    void TearDown() override {
        app_.reset();
        server.reset();
    }
    static inline std::unique_ptr<PulseTestServer> server;

private:
    int argc_ = 1;
    char name_[24] = "qt_audio_backend_test";
    char* argv_[2] = {name_, nullptr};
    std::unique_ptr<QApplication> app_;
};
const auto* const kEnvironment = ::testing::AddGlobalTestEnvironment(new PulseAndQt);

PulseTestServer& server() {
    return *PulseAndQt::server;
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string line;
    std::getline(in, line);
    return line;
}

// Runs the UI thread's event loop until `done` or `limit`; true if done.
bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        QTest::qWait(10);
    }
    return true;
}

double msSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

backend::StreamRequest request(const std::string& device, std::uint32_t bufferFrames) {
    backend::StreamRequest r;
    r.device = device;
    r.sampleRate = kRate;
    r.bufferFrames = bufferFrames;
    return r;
}

// A second null sink, loaded for one test and unloaded (if still there) after it.
class ExtraSink {
public:
    explicit ExtraSink(const std::string& description) {
        std::string out;
        status_ = server().pactl("load-module module-null-sink sink_name=govoxextra rate=48000 "
                                 "sink_properties=device.description=" +
                                     description,
                                 &out);
        module_ = out.substr(0, out.find_first_of("\r\n"));
    }
    ~ExtraSink() { unload(); }
    bool loaded() const { return status_ == 0; }
    void unload() {
        if (status_ == 0) server().pactl("unload-module " + module_);
        status_ = -1;
    }

private:
    int status_ = -1;
    std::string module_;
};

TEST(QtAudioBackend, ListsThePulseAudioSinksThroughTheRegistry) {
    ASSERT_EQ(server().error(), "");
    std::string error;
    const auto devices = backend::listOutputDevices(backend::BackendKind::Qt, error);
    EXPECT_EQ(error, "");
    ASSERT_EQ(devices.size(), 1u);
    EXPECT_EQ(devices[0].name, kSinkName);
    EXPECT_TRUE(devices[0].isDefault);
    EXPECT_EQ(devices[0].sampleRates, (std::vector<std::uint32_t>{44100, 48000, 88200, 96000}));
}

TEST(QtAudioBackend, PlaysAToneOnItsOwnThread) {
    ASSERT_EQ(server().error(), "");
    ToneRig rig(kRate, 2048);
    ASSERT_NE(rig.created.region, nullptr) << rig.created.error;
    CallbackProbe probe(rig.mixer);
    PulseCapture capture(server().address(), std::string(PulseTestServer::kSink) + ".monitor",
                         kRate, server().dir() + "/capture.raw");
    ASSERT_EQ(capture.error(), "");

    auto backend = backend::makeBackend(backend::BackendKind::Qt);
    ASSERT_NE(backend, nullptr);
    const auto starting = std::chrono::steady_clock::now();
    ASSERT_EQ(backend->start(request("", 256), probe), "");
    const double startMs = msSince(starting);
    const backend::StreamInfo info = backend->info();
    EXPECT_EQ(info.backend, "qt");
    EXPECT_EQ(info.device, kSinkName);
    EXPECT_EQ(info.sampleRate, kRate);
    EXPECT_GE(info.bufferFrames, kRate * 40 / 1000) << "at least two of Qt's 20 ms periods";
    // Let the stream settle (a null sink starts slowly, then takes a burst), then play.
    ASSERT_TRUE(waitFor([&] { return rig.mixer.stats().engineFrame.load() > kRate / 2; },
                        std::chrono::seconds(10)))
        << "the sink never pulled: " << backend->lastError();
    const std::uint64_t xrunsBefore = rig.mixer.stats().xruns.load();
    ASSERT_TRUE(rig.host->noteOn(0, tone::testTone()));
    QTest::qWait(2000);
    const std::uint64_t xruns = rig.mixer.stats().xruns.load() - xrunsBefore;
    EXPECT_TRUE(backend->running()) << backend->lastError();
    const auto stopping = std::chrono::steady_clock::now();
    backend->stop();
    const double stopMs = msSince(stopping);
    EXPECT_FALSE(backend->running());
    ASSERT_EQ(capture.stop(), "");

    EXPECT_NE(probe.renderThread(), std::this_thread::get_id()) << "render on the UI thread";
    EXPECT_NE(probe.renderThread(), std::thread::id{});
    EXPECT_LE(probe.maxFrames(), 256u) << "blocks larger than the mixer was prepared for";
    for (const std::vector<float>* channel : {&capture.left(), &capture.right()}) {
        const ToneMeasure m = measureTone(*channel, kRate, kRate / 4, kRate * 3 / 2);
        ASSERT_TRUE(m.found) << "no 1.75 s of tone in " << channel->size() << " recorded frames";
        std::printf("[ measured ] qt: %.4f Hz (error %+.4f Hz), level error %+.4f dB, largest "
                    "step %.4f, onset at frame %zu\n",
                    m.frequency, m.frequency - 440.0, m.levelDb, m.step.size, m.onset);
        EXPECT_NEAR(m.frequency, 440.0, 1.0);
        EXPECT_NEAR(m.levelDb, 0.0, 1.0);
        EXPECT_LE(m.step.size, maxCleanStep(kRate)) << "a gap or a click; load " << loadAverage();
    }
    std::printf("[ measured ] qt: granted %u frames (%.1f ms) for 256 asked, largest render %u, "
                "xruns %llu while measured, voice underruns %llu, load %s\n",
                info.bufferFrames, 1000.0 * info.bufferFrames / kRate, probe.maxFrames(),
                static_cast<unsigned long long>(xruns),
                static_cast<unsigned long long>(rig.mixer.stats().underruns.load()),
                loadAverage().c_str());
    std::printf("[ measured ] qt: start() took %.1f ms, stop() %.1f ms\n", startMs, stopMs);
    EXPECT_EQ(xruns, 0u) << "load " << loadAverage();
    EXPECT_EQ(rig.mixer.stats().underruns.load(), 0u) << "load " << loadAverage();
}

TEST(QtAudioBackend, AMissingDeviceIsNamedWithTheOnesThere) {
    ASSERT_EQ(server().error(), "");
    ToneRig rig(kRate, 1024);
    auto backend = backend::makeBackend(backend::BackendKind::Qt);
    EXPECT_EQ(backend->start(request("USB DAC", 256), rig.mixer),
              "Qt Multimedia: no output device named 'USB DAC'; available: '" + kSinkName + "'");
    EXPECT_FALSE(backend->running());
}

TEST(QtAudioBackend, ADeviceUnpluggedWhilePlayingIsReported) {
    ASSERT_EQ(server().error(), "");
    ExtraSink extra("Govox-Extra");
    ASSERT_TRUE(extra.loaded());
    ASSERT_TRUE(waitFor(
        [] {
            std::string e;
            return backend::listOutputDevices(backend::BackendKind::Qt, e).size() == 2;
        },
        std::chrono::seconds(5)));
    ToneRig rig(kRate, 2048);
    auto backend = backend::makeBackend(backend::BackendKind::Qt);
    ASSERT_EQ(backend->start(request("Govox-Extra", 256), rig.mixer), "");
    ASSERT_TRUE(waitFor([&] { return rig.mixer.stats().engineFrame.load() > 0; },
                        std::chrono::seconds(10)));
    extra.unload();
    const auto unplugged = std::chrono::steady_clock::now();
    EXPECT_TRUE(waitFor([&] { return !backend->running(); }, std::chrono::seconds(10)));
    std::printf("[ measured ] qt: unplugging noticed after %.2f s: \"%s\"\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - unplugged).count(),
                backend->lastError().c_str());
    EXPECT_NE(backend->lastError().find("'Govox-Extra'"), std::string::npos)
        << backend->lastError();
    backend->stop();
    EXPECT_NE(backend->lastError(), ""); // kept after stop, until the next start
}

// Qt 6.4 waits forever inside QAudioSink::start() for a stream to a sink that has gone; the
// backend must notice before it opens instead of hanging the UI thread.
TEST(QtAudioBackend, ADeviceGoneBeforeOpeningFailsInsteadOfHanging) {
    ASSERT_EQ(server().error(), "");
    auto extra = std::make_unique<ExtraSink>("Govox-Gone");
    ASSERT_TRUE(extra->loaded());
    QAudioDevice gone;
    ASSERT_TRUE(waitFor(
        [&] {
            for (const QAudioDevice& d : QMediaDevices::audioOutputs())
                if (d.description() == "Govox-Gone") gone = d;
            return !gone.isNull();
        },
        std::chrono::seconds(5)));
    extra.reset();
    ASSERT_TRUE(
        waitFor([] { return QMediaDevices::audioOutputs().size() == 1; }, std::chrono::seconds(5)));
    ToneRig rig(kRate, 1024);
    QtAudioBackend backend;
    const auto starting = std::chrono::steady_clock::now();
    EXPECT_EQ(backend.start(gone, request("", 256), rig.mixer),
              "Qt Multimedia: 'Govox-Gone' is not connected");
    const double ms = msSince(starting);
    std::printf("[ measured ] qt: start() on a vanished device failed after %.1f ms\n", ms);
    EXPECT_LT(ms, QtAudioBackend::kOpenTimeoutMs);
    EXPECT_FALSE(backend.running());
}

TEST(QtAudioBackend, StartWithFallbackPlaysTheDefaultWhenTheDeviceIsMissing) {
    ASSERT_EQ(server().error(), "");
    audio::AudioEngine engine;
    AudioSettings s;
    s.backend = backend::BackendKind::Qt;
    s.device = "USB DAC";
    const StartResult r = startWithFallback(engine, s);
    EXPECT_TRUE(r.playing) << r.error.toStdString();
    EXPECT_EQ(r.notice.toStdString(),
              "Device 'USB DAC' is not connected; playing through '" + kSinkName + "' instead");
    EXPECT_EQ(engine.status().stream.backend, "qt");
    EXPECT_TRUE(engine.running());
    std::printf("[ measured ] qt: \"%s\"\n", r.notice.toStdString().c_str());
}

TEST(QtAudioBackend, TheDialogFollowsDevicesComingAndGoing) {
    ASSERT_EQ(server().error(), "");
    AudioSettings s;
    s.backend = backend::BackendKind::Qt;
    AudioSettingsDialog dialog(s);
    dialog.show();
    auto* devices = dialog.findChild<QComboBox*>("device");
    ASSERT_NE(devices, nullptr);
    const QString extraName = "Govox-Plugged";
    const auto listed = [&] { return devices->findData(extraName) >= 0; };
    EXPECT_FALSE(listed());
    auto extra = std::make_unique<ExtraSink>(extraName.toStdString());
    ASSERT_TRUE(extra->loaded());
    const auto plugged = std::chrono::steady_clock::now();
    EXPECT_TRUE(waitFor(listed, std::chrono::seconds(5))) << "a new device did not show";
    const double appeared =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - plugged).count();
    extra.reset();
    const auto unplugged = std::chrono::steady_clock::now();
    EXPECT_TRUE(waitFor([&] { return !listed(); }, std::chrono::seconds(5)))
        << "a device that went away stayed in the list";
    const double dropped =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - unplugged).count();
    std::printf("[ measured ] qt: the dialog listed a new device after %.2f s and dropped it "
                "%.2f s after it went\n",
                appeared, dropped);
}

} // namespace
} // namespace govox::ui::test
