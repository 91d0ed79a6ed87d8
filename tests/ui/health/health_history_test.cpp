// HealthHistory: what a sample keeps of a snapshot, underruns and xruns as events, the
// bounded window, and the CSV export read back.
#include "SyntheticStudio.hpp"
#include "ui/health/HealthHistory.hpp"

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>

namespace govox::ui {
namespace {

using test::snapshotWith;
using test::SyntheticStudio;

TEST(HealthHistory, SampleKeepsFillOfSoundingSlotsLoadAndGcFigures) {
    StudioSnapshot s = snapshotWith({SlotView{480, 1024, 4096, SlotState::Active, 0},
                                     SlotView{960, 1024, 4096, SlotState::Releasing, 0},
                                     SlotView{0, 1024, 4096, SlotState::Underrun, 1},
                                     SlotView{4000, 1024, 4096, SlotState::Free, 0},
                                     SlotView{0, 1024, 4096, SlotState::Stopped, 0}},
                                    2.5);
    s.callbackLoadLast = 0.12;
    s.callbackLoadP99 = 0.25;
    s.gcPauseP99Ms = 0.3;
    s.gcPauseMaxMs = 1.2;
    s.heapBytes = 3 * 1024 * 1024;
    const HealthSample h = HealthHistory::sampleOf(s);
    EXPECT_DOUBLE_EQ(h.time, 2.5);
    EXPECT_EQ(h.soundingSlots, 3u);       // free and stopped slots are not sounding
    EXPECT_DOUBLE_EQ(h.fillMinMs, 0.0);   // the underrunning slot
    EXPECT_DOUBLE_EQ(h.fillMeanMs, 10.0); // (480 + 960 + 0) / 3 frames at 48 kHz
    EXPECT_NEAR(h.targetMs, 21.333, 1e-3);
    EXPECT_DOUBLE_EQ(h.loadLastPct, 12.0);
    EXPECT_DOUBLE_EQ(h.loadP99Pct, 25.0);
    EXPECT_DOUBLE_EQ(h.gcPauseP99Ms, 0.3);
    EXPECT_DOUBLE_EQ(h.gcPauseMaxMs, 1.2);
    EXPECT_DOUBLE_EQ(h.heapMb, 3.0);
}

TEST(HealthHistory, NoSoundingSlotMeansNoFillRatherThanZero) {
    const HealthSample h = HealthHistory::sampleOf(snapshotWith({SlotView{}}));
    EXPECT_TRUE(std::isnan(h.fillMinMs));
    EXPECT_TRUE(std::isnan(h.fillMeanMs));
    EXPECT_EQ(h.soundingSlots, 0u);
}

TEST(HealthHistory, RisingCountersBecomeEventsAndAResetDoesNot) {
    HealthHistory history;
    const std::uint64_t underruns[] = {4, 4, 7, 7, 9, 0, 1}; // 0: the Reset button
    const std::uint64_t xruns[] = {1, 1, 1, 2, 2, 2, 2};
    for (int i = 0; i < 7; ++i) {
        StudioSnapshot s = snapshotWith({}, 1.0 + i);
        s.underruns = underruns[i];
        s.xruns = xruns[i];
        history.record(s);
    }
    // The first sample's counts happened before recording started: no event for them.
    ASSERT_EQ(history.underrunEvents().size(), 3u);
    EXPECT_DOUBLE_EQ(history.underrunEvents()[0].time, 3.0);
    EXPECT_EQ(history.underrunEvents()[0].count, 3u);
    EXPECT_DOUBLE_EQ(history.underrunEvents()[1].time, 5.0);
    EXPECT_EQ(history.underrunEvents()[1].count, 2u);
    EXPECT_DOUBLE_EQ(history.underrunEvents()[2].time, 7.0); // after the reset, from zero
    EXPECT_EQ(history.underrunEvents()[2].count, 1u);
    ASSERT_EQ(history.xrunEvents().size(), 1u);
    EXPECT_DOUBLE_EQ(history.xrunEvents()[0].time, 4.0);
    EXPECT_EQ(history.samples()[2].newUnderruns, 3u);
}

TEST(HealthHistory, StaysBoundedByTimeAndByCount) {
    HealthHistory history;
    SyntheticStudio studio(8);
    for (int i = 0; i < 30 * 600; ++i) { // ten minutes at 30 Hz, an underrun every 5 s
        if (i % 150 == 0) studio.injectUnderruns(1, 1);
        history.record(studio.next());
    }
    EXPECT_LE(history.size(), std::size_t(120 * 30 + 1));
    EXPECT_GE(history.size(), std::size_t(120 * 30 - 1));
    EXPECT_GE(history.samples().front().time, history.latest().time - 120.0);
    EXPECT_LE(history.underrunEvents().size(), 25u);
    EXPECT_GE(history.underrunEvents().front().time, history.samples().front().time);

    HealthHistory fast(120.0, 1000); // a snapshot rate far above 30 Hz still has a ceiling
    for (int i = 0; i < 5000; ++i) fast.record(snapshotWith({}, i * 0.001));
    EXPECT_EQ(fast.size(), 1000u);
}

TEST(HealthHistory, ClockGoingBackStartsAgainAndRepeatsAreIgnored) {
    HealthHistory history;
    EXPECT_EQ(history.record(snapshotWith({}, 5.0)), HealthHistory::Recorded::Appended);
    EXPECT_EQ(history.record(snapshotWith({}, 5.0)), HealthHistory::Recorded::Ignored);
    EXPECT_EQ(history.record(snapshotWith({}, 6.0)), HealthHistory::Recorded::Appended);
    EXPECT_EQ(history.record(snapshotWith({}, 0.1)), HealthHistory::Recorded::Restarted);
    EXPECT_EQ(history.size(), 1u);
}

QStringList readLines(const QString& path) {
    QFile f(path);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly | QIODevice::Text));
    QStringList lines = QString::fromUtf8(f.readAll()).split('\n');
    if (!lines.isEmpty() && lines.back().isEmpty()) lines.pop_back();
    return lines;
}

TEST(HealthHistory, CsvRoundTrips) {
    HealthHistory history;
    SyntheticStudio studio(8);
    for (int i = 0; i < 90; ++i) {
        if (i == 40) studio.injectUnderruns(2, 3);
        if (i == 60) studio.injectXruns(1);
        history.record(studio.next());
    }
    history.record(snapshotWith({}, studio.time() + 1)); // nothing sounding: empty fill cells
    QTemporaryDir dir;
    const QString path = dir.filePath("health.csv");
    QString error;
    ASSERT_TRUE(history.writeCsv(path, &error)) << error.toStdString();

    const QStringList lines = readLines(path);
    ASSERT_EQ(lines.size(), int(history.size()) + 1);
    const QStringList header = lines[0].split(',');
    EXPECT_EQ(lines[0], HealthHistory::csvHeader());
    ASSERT_EQ(header.size(), 14);
    std::uint64_t underrunsSeen = 0;
    for (int row = 1; row < lines.size(); ++row) {
        const QStringList cells = lines[row].split(',');
        ASSERT_EQ(cells.size(), header.size()) << "row " << row;
        const HealthSample& h = history.samples()[std::size_t(row - 1)];
        EXPECT_NEAR(cells[header.indexOf("time_s")].toDouble(), h.time, 1e-3);
        if (std::isnan(h.fillMinMs)) {
            EXPECT_TRUE(cells[header.indexOf("fill_min_ms")].isEmpty());
        } else {
            EXPECT_NEAR(cells[header.indexOf("fill_min_ms")].toDouble(), h.fillMinMs, 1e-3);
        }
        EXPECT_NEAR(cells[header.indexOf("load_p99_pct")].toDouble(), h.loadP99Pct, 1e-2);
        EXPECT_NEAR(cells[header.indexOf("gc_pause_max_ms")].toDouble(), h.gcPauseMaxMs, 1e-3);
        EXPECT_EQ(cells[header.indexOf("underruns")].toULongLong(), h.underruns);
        EXPECT_EQ(cells[header.indexOf("xruns")].toULongLong(), h.xruns);
        underrunsSeen += cells[header.indexOf("new_underruns")].toULongLong();
    }
    EXPECT_EQ(underrunsSeen, 3u);
    EXPECT_TRUE(lines.back().split(',')[header.indexOf("fill_mean_ms")].isEmpty());
}

TEST(HealthHistory, CsvToAnUnwritablePlaceSaysWhy) {
    HealthHistory history;
    history.record(snapshotWith({}, 1.0));
    QString error;
    EXPECT_FALSE(history.writeCsv("/nonexistent-dir/health.csv", &error));
    EXPECT_TRUE(error.contains("/nonexistent-dir/health.csv")) << error.toStdString();
}

} // namespace
} // namespace govox::ui
