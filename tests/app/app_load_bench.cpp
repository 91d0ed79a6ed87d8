// app_load_bench - what the window costs. Two measurements, printed with the commands'
// context:
//  1. idle: the window open on a voice, nothing playing, for --seconds (default 20): CPU
//     of this process (the app) and of the voice host, from /proc, as % of one core
//     (target: the app at most 3 %, judged on runs of 10 s or more).
//  2. busy: 32 notes held on the sine test voice with the graphs redrawing at 30 fps for
//     --seconds, through JACK (a private real-time jackd, dummy driver, 128 frames):
//     xruns and underruns over the run (target: zero of Govox's making: a late cycle in
//     which jackd caught Govox's client running with its timer on time, or an xrun jackd
//     did not tell; JackXruns.hpp), and the app's CPU.
// Usage: app_load_bench [--seconds N] [--mode idle|busy|both]
#include "tests/support/jack/JackTestServer.hpp"
#include "tests/support/jack/JackXruns.hpp"

#include "ui/health/HealthPlot.hpp"
#include "ui/studio/Studio.hpp"
#include "ui/window/MainWindow.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace {

double cpuSeconds(pid_t pid) { // utime + stime of a process, in seconds
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    std::istringstream rest(line.substr(line.rfind(')') + 2));
    std::string field;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i) {
        if (i == 14) utime = std::stod(field);
        if (i == 15) stime = std::stod(field);
    }
    return (utime + stime) / double(sysconf(_SC_CLK_TCK));
}

bool wait(std::function<bool()> done, int ms) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms) QTest::qWait(20);
    return done();
}

struct Figures {
    double appCpu = 0, hostCpu = 0;
    std::uint64_t xruns = 0, underruns = 0;
    int replots = 0;
};

Figures measure(govox::ui::Studio& studio, govox::ui::MainWindow& window, double seconds) {
    const pid_t host = studio.voiceHostPid();
    const double app0 = cpuSeconds(getpid()), host0 = host > 0 ? cpuSeconds(host) : 0;
    const auto x0 = studio.snapshot().xruns;
    const auto u0 = studio.snapshot().underruns;
    const int r0 = window.healthPlot()->replotCount();
    QTest::qWait(int(seconds * 1000));
    Figures f;
    f.appCpu = 100.0 * (cpuSeconds(getpid()) - app0) / seconds;
    f.hostCpu = host > 0 ? 100.0 * (cpuSeconds(host) - host0) / seconds : 0;
    f.xruns = studio.snapshot().xruns - x0;
    f.underruns = studio.snapshot().underruns - u0;
    f.replots = window.healthPlot()->replotCount() - r0;
    return f;
}

int run(double seconds, bool idle, bool busy) {
    QTemporaryDir temp;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, temp.path());
    int failures = 0;
    if (idle) {
        QSettings().setValue("audio/backend", "null");
        govox::ui::Studio studio(
            {GOVOX_VOICEHOST_PATH, GOVOX_SDK_DIR, (temp.path() + "/b1").toStdString()});
        govox::ui::MainWindow window(studio, GOVOX_SDK_DIR "/voices");
        window.show();
        window.begin(GOVOX_SDK_DIR "/voices/pad");
        if (!wait([&] { return studio.hasVoice(); }, 60000))
            return std::fprintf(stderr, "no voice\n"), 1;
        QTest::qWait(3000); // settle after the build
        const Figures f = measure(studio, window, seconds);
        std::printf("idle, window open on 'pad', nothing playing, %.0f s: app %.2f %% of a core "
                    "(target <= 3 %%), "
                    "voice host %.2f %%, %d replots\n",
                    seconds, f.appCpu, f.hostCpu, f.replots);
        // CPU time comes in 10 ms ticks: over a short (smoke) run one tick is 0.5 % of a core,
        // too coarse to judge a 3 % target; those runs only show that the bench works.
        failures += seconds >= 10 && f.appCpu > 3.0;
        failures += f.replots == 0;
    }
    if (busy) {
        govox::backend::test::JackTestServer server(48000, 128);
        if (!server.error().empty()) return std::fprintf(stderr, "%s\n", server.error().c_str()), 1;
        QSettings().setValue("audio/backend", "jack");
        QSettings().setValue("audio/bufferFrames", 128);
        QSettings().setValue("audio/ringFrames", 1024);
        govox::ui::Studio studio(
            {GOVOX_VOICEHOST_PATH, GOVOX_SDK_DIR, (temp.path() + "/b2").toStdString()});
        govox::ui::MainWindow window(studio, GOVOX_SDK_DIR "/voices");
        window.show();
        window.begin(GOVOX_SDK_DIR "/internal/testvoices/sine");
        if (!wait([&] { return studio.hasVoice(); }, 60000))
            return std::fprintf(stderr, "no voice\n"), 1;
        for (int n = 0; n < 32; ++n) studio.noteOn(40 + n, 60);
        QTest::qWait(3000);
        const auto x0 = govox::backend::test::countXruns(server.log());
        const Figures f = measure(studio, window, seconds);
        QTest::qWait(50); // jackd's log of the last cycles
        const auto x1 = govox::backend::test::countXruns(server.log());
        const int govoxLate = x1.govoxRunning - x0.govoxRunning;
        const int notices = x1.notices - x0.notices;
        std::printf(
            "busy, 32 voices through JACK (128 frames), graphs live, %.0f s: %d replots (%.1f "
            "fps), xruns %llu (late cycles in jackd's log %d, its timer late in %d; Govox's "
            "making: %d, target 0), underruns %llu, app %.1f %% of a core, voice host %.1f %%\n",
            seconds, f.replots, f.replots / seconds, static_cast<unsigned long long>(f.xruns),
            x1.total - x0.total, x1.driverLate - x0.driverLate, govoxLate,
            static_cast<unsigned long long>(f.underruns), f.appCpu, f.hostCpu);
        failures += govoxLate != 0 || f.xruns > static_cast<std::uint64_t>(notices);
        studio.panic();
    }
    return failures ? 1 : 0;
}

} // namespace

int main(int argc, char** argv) {
    double seconds = 20;
    std::string mode = "both";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--seconds")) seconds = std::atof(argv[i + 1]);
        if (!std::strcmp(argv[i], "--mode")) mode = argv[i + 1];
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return run(seconds, mode != "busy", mode != "idle");
}
