// Renders the voice meters above the health plot, fed a plausible minute and a quarter of
// a session, to ui_meters_screenshot.png in the build folder: a person looks at it.
#include "SyntheticStudio.hpp"
#include "ui/health/HealthPlot.hpp"
#include "ui/health/VoiceMeters.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPixmap>
#include <QSplitter>

#include <gtest/gtest.h>

namespace govox::ui {
namespace {

using test::SyntheticStudio;

// Side by side in a splitter, as the main window shows them.
TEST(HealthScreenshot, MetersAndPlotWithPlausibleData) {
    QSplitter window(Qt::Horizontal);
    auto* meters = new VoiceMeters(&window);
    auto* plot = new HealthPlot(&window);
    window.addWidget(meters);
    window.addWidget(plot);
    window.setStretchFactor(1, 3);
    window.resize(1200, 600);
    window.show();

    SyntheticStudio studio(24);
    studio.force(20, SlotState::Stopped, 3);
    studio.force(21, SlotState::Crashed);
    for (int i = 0; i < 30 * 75; ++i) {
        if (i == 30 * 38) studio.injectUnderruns(4, 2);
        if (i == 30 * 61) studio.injectUnderruns(7, 1);
        if (i == 30 * 52) studio.injectXruns(1);
        const StudioSnapshot s = studio.next();
        meters->setSnapshot(s);
        plot->addSnapshot(s);
    }
    QElapsedTimer settle; // let the queued replot and repaints run
    settle.start();
    while (settle.elapsed() < 1200) QApplication::processEvents();

    const QString path = GOVOX_TEST_OUTPUT_DIR "/ui_meters_screenshot.png";
    ASSERT_TRUE(window.grab().save(path));
    EXPECT_GT(QFileInfo(path).size(), 10000);
    std::printf("screenshot: %s\n", qPrintable(path));
}

// 128 slots wrap into rows, numbered at the left; a narrow window makes more rows.
TEST(HealthScreenshot, MetersWith128Slots) {
    VoiceMeters meters;
    SyntheticStudio studio(128);
    studio.force(100, SlotState::Crashed);
    studio.injectUnderruns(5, 12);
    StudioSnapshot s;
    for (int i = 0; i < 60; ++i) s = studio.next();
    s.voiceSlots[5].underruns = 12;
    s.voiceSlots[6].state = SlotState::Underrun;
    s.voiceSlots[6].fillFrames = 0;
    s.voiceSlots[6].underruns = 140;
    meters.setSnapshot(s);
    meters.resize(620, meters.heightForWidth(620));
    meters.show();
    QApplication::processEvents();
    const QString path = GOVOX_TEST_OUTPUT_DIR "/ui_meters_128_screenshot.png";
    ASSERT_TRUE(meters.grab().save(path));
    std::printf("screenshot: %s\n", qPrintable(path));
}

} // namespace
} // namespace govox::ui
