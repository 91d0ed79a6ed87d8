// HealthPlot.hpp - the engine's health over time, three strips sharing one time axis:
// (a) ring fill, minimum and mean over sounding voices, against the target depth, with a
//     red tick at every underrun; (b) the voice host's Go GC pauses, p99 and max;
// (c) the audio callback's load, p99 in % of the buffer period, with a red tick at every xrun.
//
// Aims
// - Records always, draws when asked: Pause freezes the picture (to read a spike) while the
//   history keeps recording, so Resume and Export lose nothing.
// - Live follows the newest sample over a window (30 s by default); the mouse wheel zooms the
//   time axis (Live keeps following), a drag pans it (and leaves Live).
// - Cheap: data is appended and trimmed incrementally, never rebuilt, and a run of equal
//   values keeps only its two ends. Replots are queued and paced by what is happening: ~30 a
//   second while a voice sounds, 4 when nothing plays, 1 when every line in view is flat,
//   none when paused or hidden. 1 px pens (wider ones cost 40 times more to stroke) and
//   strip titles and legends drawn once into pixmaps (text is the dearest part of a replot)
//   keep a replot near 1-2 ms.
// - Depends on StudioSnapshot only (through HealthHistory).
//
// Threads: UI thread.
#pragma once

#include "ui/health/HealthHistory.hpp"
#include "ui/studio/StudioSnapshot.hpp"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <array>
#include <cstdint>
#include <limits>

class QCPAxis;
class QCPAxisRect;
class QCPGraph;
class QCPItemPixmap;
class QCPRange;
class QCustomPlot;
class QLabel;
class QToolButton;

namespace govox::ui {

class HealthPlot final : public QWidget {
    Q_OBJECT

public:
    static constexpr double kDefaultWindowSeconds = 30.0;
    static constexpr double kMinWindowSeconds = 2.0;

    // The plotted lines; markers are vertical ticks at event times.
    enum class Series : std::uint8_t {
        FillMin,
        FillMean,
        Target,
        Underruns,
        GcP99,
        GcMax,
        LoadP99,
        Xruns,
        Count
    };

    explicit HealthPlot(QWidget* parent = nullptr);

    // Records the snapshot and shows it unless paused (connect Studio::snapshotUpdated here).
    void addSnapshot(const StudioSnapshot& s);
    const HealthHistory& history() const { return history_; }

    void setLive(bool live); // follow the newest sample
    bool isLive() const { return live_; }
    void setPaused(bool paused);
    bool isPaused() const { return paused_; }
    void setWindowSeconds(double seconds); // the visible time span, clamped to the history's
    double windowSeconds() const { return window_; }
    QCPRange timeRange() const; // what the time axis shows, in snapshot seconds

    // The same as the toolbar's buttons, without dialogs. Width and height 0: as on screen.
    bool exportCsv(const QString& path, QString* error = nullptr) const;
    bool exportPng(const QString& path, int width = 0, int height = 0);

    // For tests: the plot and its graphs, and how many replots happened.
    QCustomPlot* customPlot() const { return plot_; }
    QCPGraph* graph(Series series) const { return graphs_[std::size_t(series)]; }
    int replotCount() const { return replots_; }

signals:
    void liveChanged(bool live);
    void pausedChanged(bool paused);

protected:
    void showEvent(QShowEvent* e) override;
    void changeEvent(QEvent* e) override;

private:
    void buildToolbar();
    void buildPlot();
    QCPAxisRect* addStrip(int row);
    void applyColours();
    void refreshHeaders();
    void placeHeaders();
    void showNewSamples();
    bool changesVisibly(const HealthSample& now, const HealthSample& before) const;
    void applyTimeRange(const QCPRange& range);
    void onTimeRangeChanged(const QCPRange& range);
    void followNewest();
    void rescaleValues();
    void requestReplot(int intervalMs);
    void replotNow();
    void updateStatus();
    void exportCsvWithDialog();
    void exportPngWithDialog();

    HealthHistory history_;
    QCustomPlot* plot_ = nullptr;
    std::array<QCPAxisRect*, 3> strips_{};
    std::array<QCPGraph*, std::size_t(Series::Count)> graphs_{};
    std::array<QCPItemPixmap*, 3> headers_{}; // each strip's title and legend
    QToolButton* liveButton_ = nullptr;
    QToolButton* pauseButton_ = nullptr;
    QLabel* status_ = nullptr;

    double window_ = kDefaultWindowSeconds;
    bool live_ = true;
    bool paused_ = false;
    bool settingRange_ = false; // our own range changes are not the user's
    bool stale_ = false;        // new data arrived while hidden
    // The newest sample in the graphs, and the newest that moved a line by a pixel or more.
    double plottedUntil_ = -std::numeric_limits<double>::infinity();
    double lastVisibleChange_ = -std::numeric_limits<double>::infinity();
    QElapsedTimer sinceReplot_;
    QTimer deferredReplot_;
    int replots_ = 0;
};

} // namespace govox::ui
