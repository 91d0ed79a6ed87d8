// HealthPlot: underruns and xruns as markers in the graphs' data, graphs trimmed with the
// history, Live, Pause, wheel zoom and drag, CSV and PNG export, and replots skipped when
// nothing would change on screen.
#include "SyntheticStudio.hpp"
#include "ui/health/HealthPlot.hpp"

#include <qcustomplot.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QTemporaryDir>
#include <QTimer>

#include <gtest/gtest.h>

#include <ctime>

namespace govox::ui {
namespace {

using test::SyntheticStudio;
using Series = HealthPlot::Series;

void feed(HealthPlot& plot, SyntheticStudio& studio, double seconds) {
    for (double end = studio.time() + seconds; studio.time() < end - 1e-9;)
        plot.addSnapshot(studio.next());
}

// Feeds snapshots at their real rate from a timer, as Studio does, with the event loop idle
// in between; reports the replots and the CPU the whole process used meanwhile.
struct RealTimeRun {
    int replots = 0;
    double cpuPercent = 0.0;
};
RealTimeRun feedInRealTime(HealthPlot& plot, SyntheticStudio& studio, double seconds) {
    const int before = plot.replotCount();
    const std::clock_t cpu = std::clock();
    QElapsedTimer wall;
    wall.start();
    QEventLoop loop;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tick, &QTimer::timeout, [&] { plot.addSnapshot(studio.next()); });
    tick.start(33);
    QTimer::singleShot(int(seconds * 1000), &loop, &QEventLoop::quit);
    loop.exec();
    const double cpuSeconds = double(std::clock() - cpu) / CLOCKS_PER_SEC;
    return {plot.replotCount() - before, 100.0 * cpuSeconds / (double(wall.elapsed()) / 1000.0)};
}

// Runs the event loop a little: a new or newly shown plot has a replot queued.
void settle() {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < 100) QApplication::processEvents();
}

void showAt(HealthPlot& plot, int w = 900, int h = 520) {
    plot.resize(w, h);
    plot.show();
    settle();
}

TEST(HealthPlot, InjectedUnderrunsAndXrunsBecomeMarkersAtTheirTimes) {
    HealthPlot plot;
    SyntheticStudio studio;
    feed(plot, studio, 2.0);
    EXPECT_TRUE(plot.graph(Series::Underruns)->data()->isEmpty());
    studio.injectUnderruns(3, 2);
    plot.addSnapshot(studio.next());
    const double underrunAt = studio.time();
    feed(plot, studio, 1.0);
    studio.injectXruns(1);
    plot.addSnapshot(studio.next());
    const double xrunAt = studio.time();
    feed(plot, studio, 1.0);

    QCPGraphDataContainer& underruns = *plot.graph(Series::Underruns)->data();
    ASSERT_EQ(underruns.size(), 1);
    EXPECT_DOUBLE_EQ(underruns.constBegin()->key, underrunAt);
    QCPGraphDataContainer& xruns = *plot.graph(Series::Xruns)->data();
    ASSERT_EQ(xruns.size(), 1);
    EXPECT_DOUBLE_EQ(xruns.constBegin()->key, xrunAt);
    // The dry ring shows in the minimum fill line at that moment.
    EXPECT_DOUBLE_EQ(plot.graph(Series::FillMin)->data()->findBegin(underrunAt, false)->value, 0.0);
}

TEST(HealthPlot, GraphsHoldTheHistoryAndDropWhatItDropped) {
    HealthPlot plot;
    SyntheticStudio studio;
    feed(plot, studio, 200.0);
    const HealthHistory& h = plot.history();
    EXPECT_LE(h.samples().back().time - h.samples().front().time, 120.0);
    for (Series s : {Series::FillMin, Series::FillMean, Series::Target, Series::GcP99,
                     Series::GcMax, Series::LoadP99}) {
        const QCPGraphDataContainer& data = *plot.graph(s)->data();
        EXPECT_LE(data.size(), int(h.size()));
        // The history's span is covered, from at most one point before it to its end.
        EXPECT_LE(data.constBegin()->key, h.samples().front().time);
        EXPECT_GE((data.constBegin() + 1)->key, h.samples().front().time);
        EXPECT_DOUBLE_EQ((data.constEnd() - 1)->key, h.latest().time);
    }
    // Noisy fill keeps every sample; the constant target only the ends of its run.
    EXPECT_GE(plot.graph(Series::FillMean)->data()->size(), int(h.size()) - 1);
    EXPECT_EQ(plot.graph(Series::Target)->data()->size(), 2);
}

TEST(HealthPlot, FlatRunsKeepOnlyTheirEndsWithTheSameShape) {
    HealthPlot plot;
    const double values[] = {1, 1, 1, 1, 2, 2, 2, 5, 5};
    for (int i = 0; i < 9; ++i) {
        StudioSnapshot s = test::snapshotWith({}, 1.0 + i);
        s.gcPauseMaxMs = values[i];
        plot.addSnapshot(s);
    }
    // 1 at t=1..4, 2 at 5..7, 5 at 8..9: the line's corners, nothing in between.
    const QCPGraphDataContainer& data = *plot.graph(Series::GcMax)->data();
    std::vector<std::pair<double, double>> points;
    for (auto it = data.constBegin(); it != data.constEnd(); ++it)
        points.emplace_back(it->key, it->value);
    const std::vector<std::pair<double, double>> corners = {{1, 1}, {4, 1}, {5, 2},
                                                            {7, 2}, {8, 5}, {9, 5}};
    EXPECT_EQ(points, corners);
}

TEST(HealthPlot, LiveFollowsTheNewestSample) {
    HealthPlot plot;
    SyntheticStudio studio;
    feed(plot, studio, 10.0);
    EXPECT_NEAR(plot.timeRange().lower, plot.history().samples().front().time, 1e-9);
    EXPECT_NEAR(plot.timeRange().size(), 30.0, 1e-9); // data grows from the left edge
    feed(plot, studio, 40.0);
    EXPECT_DOUBLE_EQ(plot.timeRange().upper, studio.time());
    EXPECT_NEAR(plot.timeRange().size(), HealthPlot::kDefaultWindowSeconds, 1e-9);
    plot.setWindowSeconds(10.0);
    EXPECT_DOUBLE_EQ(plot.timeRange().upper, studio.time());
    EXPECT_NEAR(plot.timeRange().size(), 10.0, 1e-9);
    plot.setWindowSeconds(1e6); // no further back than the history goes
    EXPECT_DOUBLE_EQ(plot.windowSeconds(), plot.history().spanSeconds());
}

TEST(HealthPlot, PauseFreezesTheDisplayWhileRecordingContinues) {
    HealthPlot plot;
    SyntheticStudio studio;
    feed(plot, studio, 40.0);
    plot.setPaused(true);
    const QCPRange frozen = plot.timeRange();
    const int shown = plot.graph(Series::FillMean)->data()->size();
    const std::size_t recorded = plot.history().size();
    studio.injectUnderruns(1, 1);
    feed(plot, studio, 5.0);
    EXPECT_EQ(plot.timeRange(), frozen);
    EXPECT_EQ(plot.graph(Series::FillMean)->data()->size(), shown);
    EXPECT_TRUE(plot.graph(Series::Underruns)->data()->isEmpty());
    EXPECT_EQ(plot.history().size(), recorded + 150);
    EXPECT_EQ(plot.history().underrunEvents().size(), 1u);

    plot.setPaused(false); // catches up with what was recorded
    EXPECT_GT(plot.graph(Series::FillMean)->data()->size(), shown);
    EXPECT_DOUBLE_EQ((plot.graph(Series::FillMean)->data()->constEnd() - 1)->key, studio.time());
    EXPECT_EQ(plot.graph(Series::Underruns)->data()->size(), 1);
    EXPECT_DOUBLE_EQ(plot.timeRange().upper, studio.time());
}

TEST(HealthPlot, WheelZoomsTheTimeAxisAndKeepsLiveDragPansAndLeavesLive) {
    HealthPlot plot;
    showAt(plot);
    SyntheticStudio studio;
    feed(plot, studio, 60.0);
    plot.customPlot()->replot();
    QCustomPlot* cp = plot.customPlot();
    const QPointF centre = cp->axisRect(0)->rect().center();

    QWheelEvent wheel(centre, cp->mapToGlobal(centre), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(cp, &wheel);
    EXPECT_TRUE(plot.isLive());
    EXPECT_LT(plot.windowSeconds(), HealthPlot::kDefaultWindowSeconds); // zoomed in
    EXPECT_DOUBLE_EQ(plot.timeRange().upper, studio.time());
    for (int i = 0; i < cp->axisRectCount(); ++i) // every strip shows the same time span
        EXPECT_EQ(cp->axisRect(i)->axis(QCPAxis::atBottom)->range(), plot.timeRange());

    const double window = plot.windowSeconds();
    const auto mouse = [&](QEvent::Type type, QPointF at, Qt::MouseButtons buttons) {
        QMouseEvent e(type, at, cp->mapToGlobal(at), Qt::LeftButton, buttons, Qt::NoModifier);
        QApplication::sendEvent(cp, &e);
    };
    mouse(QEvent::MouseButtonPress, centre, Qt::LeftButton);
    mouse(QEvent::MouseMove, centre + QPointF(120, 0), Qt::LeftButton);
    mouse(QEvent::MouseButtonRelease, centre + QPointF(120, 0), Qt::NoButton);
    EXPECT_FALSE(plot.isLive());
    EXPECT_LT(plot.timeRange().upper, studio.time()); // dragged back in time
    EXPECT_NEAR(plot.timeRange().size(), window, 1e-6);
    const QCPRange panned = plot.timeRange();
    feed(plot, studio, 1.0);
    EXPECT_EQ(plot.timeRange(), panned); // no longer following

    plot.setLive(true);
    EXPECT_DOUBLE_EQ(plot.timeRange().upper, studio.time());
}

TEST(HealthPlot, ExportsCsvOfTheWholeHistory) {
    HealthPlot plot;
    SyntheticStudio studio;
    feed(plot, studio, 3.0);
    QTemporaryDir dir;
    const QString path = dir.filePath("h.csv");
    QString error;
    ASSERT_TRUE(plot.exportCsv(path, &error)) << error.toStdString();
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll().count('\n'), qsizetype(plot.history().size() + 1));
}

TEST(HealthPlot, ExportsPngOfTheRequestedSize) {
    HealthPlot plot;
    showAt(plot);
    SyntheticStudio studio;
    feed(plot, studio, 20.0);
    QTemporaryDir dir;
    const QString path = dir.filePath("h.png");
    ASSERT_TRUE(plot.exportPng(path, 800, 450));
    EXPECT_GT(QFileInfo(path).size(), 1000);
    const QImage image(path);
    EXPECT_EQ(image.size(), QSize(800, 450));
    // Not blank: the plot drew lines in more than two colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
    EXPECT_GT(colours.size(), 10);
    ASSERT_TRUE(plot.exportPng(dir.filePath("screen.png"))); // as on screen
    EXPECT_EQ(QImage(dir.filePath("screen.png")).size(), plot.customPlot()->size());
}

TEST(HealthPlot, HiddenOrPausedPlotDoesNotReplot) {
    SyntheticStudio studio;
    HealthPlot hidden;
    settle();
    EXPECT_EQ(feedInRealTime(hidden, studio, 0.5).replots, 0);
    HealthPlot paused;
    showAt(paused);
    paused.setPaused(true);
    QApplication::processEvents();
    EXPECT_EQ(feedInRealTime(paused, studio, 1.0).replots, 0);
}

TEST(HealthPlot, FlatWindowReplotsAboutOnceASecond) {
    HealthPlot plot;
    showAt(plot);
    SyntheticStudio studio;
    studio.setFlat(true);
    feed(plot, studio, 35.0); // the first sample has scrolled out: every line in view is flat
    const RealTimeRun flat = feedInRealTime(plot, studio, 2.5);
    std::printf("flat: %d replots in 2.5 s, %.1f%% CPU\n", flat.replots, flat.cpuPercent);
    EXPECT_LE(flat.replots, 4);
    EXPECT_GE(flat.replots, 1); // the time labels still move
}

TEST(HealthPlot, NothingPlayingReplotsAFewTimesASecond) {
    HealthPlot plot;
    showAt(plot);
    SyntheticStudio studio;
    feed(plot, studio, 20.0); // a voice played, then stopped: its tail is still in view
    studio.setIdle(true);
    feed(plot, studio, 5.0);
    const RealTimeRun idle = feedInRealTime(plot, studio, 3.0);
    std::printf("nothing playing: %d replots in 3 s, %.1f%% CPU, %.2f ms per replot\n",
                idle.replots, idle.cpuPercent, plot.customPlot()->replotTime(true));
    EXPECT_LE(idle.replots, 14); // 4 a second
    EXPECT_GE(idle.replots, 6);
}

TEST(HealthPlot, MovingLinesReplotNearTheSnapshotRateCheaply) {
    HealthPlot plot;
    showAt(plot);
    SyntheticStudio studio;
    feed(plot, studio, 120.0); // a full history: the worst case for a replot
    const RealTimeRun live = feedInRealTime(plot, studio, 3.0);
    std::printf("live: %d replots in 3 s, %.1f%% CPU, %.2f ms per replot\n", live.replots,
                live.cpuPercent, plot.customPlot()->replotTime(true));
    // Bounds loose enough for a busy machine running other tests alongside.
    EXPECT_GE(live.replots, 30);
    EXPECT_LE(live.replots, 100);                         // never more than the snapshots
    EXPECT_LT(plot.customPlot()->replotTime(true), 15.0); // ms; about 2 on an idle laptop core
}

} // namespace
} // namespace govox::ui
