// Renders the voice meters above the health plot, fed a plausible minute and a quarter of
// a session, to ui_meters_screenshot.png in the build folder: a person looks at it.
#include "SyntheticStudio.hpp"
#include "ui/HealthPlot.hpp"
#include "ui/VoiceMeters.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPixmap>
#include <QVBoxLayout>

#include <gtest/gtest.h>

namespace govox::ui {
namespace {

using test::SyntheticStudio;

TEST(HealthScreenshot, MetersAndPlotWithPlausibleData) {
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto* meters = new VoiceMeters(&window);
    auto* plot = new HealthPlot(&window);
    layout->addWidget(meters);
    layout->addWidget(plot, 1);
    window.resize(1000, 760);
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

} // namespace
} // namespace govox::ui
