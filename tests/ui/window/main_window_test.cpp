// The window with a real voice: it opens, plays from the on-screen keyboard, its meters and
// graphs move, an underrun is counted and marked, a build error lands in the console with
// its line, a crash raises the banner, and the window's settings survive a restart.
#include "WindowRig.hpp"
#include "tests/support/qt/QtTestApp.hpp"

#include "ui/health/HealthPlot.hpp"
#include "ui/health/StatusPanel.hpp"
#include "ui/health/VoiceMeters.hpp"
#include "ui/keyboard/KeyboardWidget.hpp"
#include "ui/studio/Studio.hpp"
#include "ui/window/BuildConsole.hpp"
#include "ui/window/CrashBanner.hpp"
#include "ui/window/MainWindow.hpp"

#include <qcustomplot.h>

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

using govox::ui::test::waitUntil;
namespace ui = govox::ui;
using govox::app::test::WindowRig;
namespace fs = std::filesystem;

int soundingSlot(const ui::StudioSnapshot& s) {
    for (std::size_t i = 0; i < s.voiceSlots.size(); ++i)
        if (s.voiceSlots[i].state == ui::SlotState::Active) return int(i);
    return -1;
}

TEST(MainWindow, OpensAVoiceAndPlaysItFromTheOnScreenKeyboardWithMovingMeters) {
    WindowRig rig;
    ASSERT_TRUE(rig.waitForVoice()) << rig.window_->statusPanel()->buildText().toStdString();
    EXPECT_NE(std::string::npos, rig.window_->windowTitle().toStdString().find("sine"));
    EXPECT_TRUE(rig.window_->statusPanel()->streamText().contains("null"));
    rig.clickKey(69, true);
    ASSERT_TRUE(waitUntil([&] { return soundingSlot(rig.studio_->snapshot()) >= 0; }, 5000));
    const int slot = soundingSlot(rig.studio_->snapshot());
    ui::VoiceMeters* meters = rig.window_->voiceMeters();
    EXPECT_TRUE(waitUntil(
        [&] {
            return meters->stateAt(slot) == ui::SlotState::Active &&
                   meters->fillFractionAt(slot) > 0;
        },
        2000));
    EXPECT_GT(rig.studio_->snapshot().peakLeft, 0.1f) << "the note is not heard";
    EXPECT_TRUE(rig.window_->keyboard()->isNoteHeld(69));
    // The meters say which quality the engine asks of the voice (high once the machine has
    // shown room for 1.5 s; other tests may be running beside this one, so any level).
    EXPECT_TRUE(waitUntil(
        [&] {
            return meters->totalsText().contains(QRegularExpression("quality (low|normal|high)"));
        },
        5000))
        << meters->totalsText().toStdString();
    waitUntil([&] { return meters->totalsText().contains("quality high"); }, 3000);
    QTest::qWait(1500); // let the graphs draw a little history for the screenshot
    rig.screenshot("main-window-playing.png");
    rig.clickKey(69, false);
    EXPECT_TRUE(waitUntil([&] { return soundingSlot(rig.studio_->snapshot()) < 0; }, 3000))
        << "note-off ignored";
    EXPECT_TRUE(waitUntil([&] { return rig.studio_->snapshot().peakLeft < 1e-4f; }, 3000))
        << "not silent after release";
}

TEST(MainWindow, AnInjectedUnderrunIsCountedAndMarkedOnTheGraph) {
    WindowRig rig;
    ASSERT_TRUE(rig.waitForVoice());
    rig.clickKey(69, true);
    ASSERT_TRUE(waitUntil([&] { return soundingSlot(rig.studio_->snapshot()) >= 0; }, 5000));
    const int slot = soundingSlot(rig.studio_->snapshot());
    // Freeze the voice host for 250 ms: its 21 ms ring runs dry (the watchdog waits 500 ms).
    const pid_t host = rig.studio_->voiceHostPid();
    ASSERT_GT(host, 0);
    kill(host, SIGSTOP);
    QTest::qWait(250);
    kill(host, SIGCONT);
    ASSERT_TRUE(waitUntil([&] { return rig.studio_->snapshot().underruns >= 1; }, 3000));
    ui::VoiceMeters* meters = rig.window_->voiceMeters();
    EXPECT_TRUE(waitUntil([&] { return !meters->underrunLabelAt(slot).isEmpty(); }, 2000));
    EXPECT_TRUE(meters->totalsText().contains("underrun")) << meters->totalsText().toStdString();
    EXPECT_TRUE(waitUntil(
        [&] {
            return rig.window_->healthPlot()
                       ->graph(ui::HealthPlot::Series::Underruns)
                       ->data()
                       ->size() >= 1;
        },
        2000));
    rig.screenshot("main-window-underrun.png");
    rig.clickKey(69, false);
}

TEST(MainWindow, ABuildErrorAppearsInTheConsoleWithItsLine) {
    WindowRig rig;
    ASSERT_TRUE(rig.waitForVoice());
    std::string text = rig.source();
    std::size_t at = 0;
    for (int line = 1; line < 15; ++line) at = text.find('\n', at) + 1;
    text.insert(at, "not Go at all\n"); // line 15
    rig.save(text);
    ui::BuildConsole* console = rig.window_->buildConsole();
    ASSERT_TRUE(waitUntil([&] { return console->errorCount() > 0; }, 60000));
    EXPECT_EQ(15, console->lineAt(0));
    EXPECT_TRUE(console->fileAt(0).endsWith("sine/main.go")) << console->fileAt(0).toStdString();
    EXPECT_TRUE(rig.window_->statusPanel()->buildText().contains("did not build"));
    rig.screenshot("main-window-build-error.png");
}

TEST(MainWindow, AVoiceThatCannotBeOpenedSaysWhyInsteadOfBuildingForever) {
    WindowRig rig;
    ASSERT_TRUE(rig.waitForVoice());
    QTemporaryDir broken;
    QFile main(broken.path() + "/main.go");
    ASSERT_TRUE(main.open(QIODevice::WriteOnly));
    main.write("package main\n\nnot Go at all\n");
    main.close();
    rig.window_->openVoice(broken.path());
    ui::StatusPanel* status = rig.window_->statusPanel();
    EXPECT_TRUE(status->buildText().startsWith("Building")) << status->buildText().toStdString();
    ASSERT_TRUE(waitUntil([&] { return !status->buildText().startsWith("Building"); }, 60000))
        << "still '" << status->buildText().toStdString() << "'";
    EXPECT_TRUE(status->buildText().contains("main.go")) << status->buildText().toStdString();
}

TEST(MainWindow, ACrashRaisesTheBannerWithTheGoPanic) {
    WindowRig rig;
    ASSERT_TRUE(rig.waitForVoice());
    std::string text = rig.source();
    const auto at = text.find("func (s *sine) Render(out []float32) {");
    ASSERT_NE(std::string::npos, at);
    text.insert(text.find('\n', at) + 1,
                "\tif s.note == 30 {\n\t\tpanic(\"note 30 breaks this voice\")\n\t}\n");
    rig.save(text);
    ASSERT_TRUE(waitUntil(
        [&] { return rig.window_->statusPanel()->buildText().contains("reloaded"); }, 60000))
        << rig.window_->statusPanel()->buildText().toStdString();
    QTest::qWait(3500); // past the new build's probation: a crash now restarts rather than reverts
    rig.studio_->noteOn(30, 100);
    ui::CrashBanner* banner = rig.window_->crashBanner();
    ASSERT_TRUE(waitUntil([&] { return banner->isVisible(); }, 5000))
        << rig.window_->statusPanel()->buildText().toStdString() << " / "
        << banner->message().toStdString();
    EXPECT_TRUE(banner->message().contains("note 30 breaks this voice"))
        << banner->message().toStdString();
    EXPECT_TRUE(banner->stack().contains("main.(*sine).Render")) << banner->stack().toStdString();
    rig.screenshot("main-window-crash.png");
    EXPECT_TRUE(waitUntil([&] { return banner->message().contains("restarted"); }, 5000))
        << "no restart";
}

TEST(MainWindow, RemembersItsGeometryAndAudioSettings) {
    WindowRig rig;
    rig.window_->resize(1000, 700);
    QTest::qWait(50);
    rig.window_->close(); // saves
    QSettings settings;
    EXPECT_EQ("null", settings.value("audio/backend").toString().toStdString());
    ASSERT_FALSE(settings.value("window/geometry").toByteArray().isEmpty());
    // A new window (with a new Studio) comes back at the same size.
    ui::Studio studio(
        {GOVOX_VOICEHOST_PATH, GOVOX_SDK_DIR, (rig.temp_.path() + "/builds2").toStdString()});
    ui::MainWindow again(studio, GOVOX_SDK_DIR "/voices");
    EXPECT_EQ(QSize(1000, 700), again.size());
}

} // namespace
