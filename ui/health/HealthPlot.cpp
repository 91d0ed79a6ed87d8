#include "ui/health/HealthPlot.hpp"
#include "ui/health/PlotGraphs.hpp"

#include <qcustomplot.h>

#include <QDateTime>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QStandardPaths>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <utility>
#include <vector>

namespace govox::ui {
namespace {

using Series = HealthPlot::Series;
enum Strip { FillStrip, GcStrip, LoadStrip };

// How often to replot: as often as snapshots arrive while a voice plays; when nothing plays
// a few times a second for a GC pause or the last note's tail to scroll by, and once a
// second when every line in view is flat and only the time labels would move.
constexpr int kPlayingMs = 33;
constexpr int kQuietMs = 250;
constexpr int kFlatMs = 1000;
// Markers are impulses on each strip's hidden right axis (0..kMarkerAxisTop), so they span
// the strip whatever its value range, with their head just under the top edge.
constexpr double kMarkerValue = 1.0;
constexpr double kMarkerAxisTop = 1.08;

constexpr Series kLines[] = {Series::FillMin, Series::FillMean, Series::Target,
                             Series::GcP99,   Series::GcMax,    Series::LoadP99};

// Each graph: its strip, its name in the strip's header (HealthPlot::tr translates it), its
// colour; colour 0 makes it a marker.
struct GraphSpec {
    Series series;
    Strip strip;
    const char* name;
    QRgb colour;
};
constexpr GraphSpec kGraphs[] = {
    {Series::FillMean, FillStrip, QT_TR_NOOP("mean fill"), 0x2e9d4f},
    {Series::FillMin, FillStrip, QT_TR_NOOP("min fill"), 0x1f6fb3},
    {Series::Target, FillStrip, QT_TR_NOOP("target"), 0x606060},
    {Series::Underruns, FillStrip, QT_TR_NOOP("underrun"), 0},
    {Series::GcP99, GcStrip, QT_TR_NOOP("p99"), 0x7b1fa2},
    {Series::GcMax, GcStrip, QT_TR_NOOP("max"), 0xce93d8},
    {Series::LoadP99, LoadStrip, QT_TR_NOOP("p99"), 0xe66a00},
    {Series::Xruns, LoadStrip, QT_TR_NOOP("xrun"), 0},
};
const QColor kMarkerRed(0xd3, 0x2f, 0x2f);

double valueOf(const HealthSample& h, Series s) {
    switch (s) {
    case Series::FillMin: return h.fillMinMs;
    case Series::FillMean: return h.fillMeanMs;
    case Series::Target: return h.targetMs;
    case Series::GcP99: return h.gcPauseP99Ms;
    case Series::GcMax: return h.gcPauseMaxMs;
    case Series::LoadP99: return h.loadP99Pct;
    default: return HealthSample::kNone;
    }
}

QString defaultExportPath(const QString& extension) {
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + "/govox-health-" +
           QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss") + "." + extension;
}

void appendEvents(QCPGraph* markers, const std::deque<HealthEvent>& events, double after) {
    auto it = events.end();
    while (it != events.begin() && std::prev(it)->time > after) --it;
    for (; it != events.end(); ++it) markers->addData(it->time, kMarkerValue);
}

} // namespace

HealthPlot::HealthPlot(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    buildToolbar();
    buildPlot();
    layout->addWidget(plot_, 1);
    deferredReplot_.setSingleShot(true);
    connect(&deferredReplot_, &QTimer::timeout, this, &HealthPlot::replotNow);
    connect(plot_, &QCustomPlot::afterReplot, this, [this] { ++replots_; });
    applyTimeRange(QCPRange(0, window_));
    updateStatus();
}

void HealthPlot::buildToolbar() {
    auto* bar = new QHBoxLayout;
    auto* title = new QLabel(tr("<b>Health</b>"), this);
    liveButton_ = new QToolButton(this);
    liveButton_->setText(tr("Live"));
    liveButton_->setCheckable(true);
    liveButton_->setChecked(live_);
    liveButton_->setToolTip(tr("Follow the newest data (dragging the plot leaves Live)"));
    pauseButton_ = new QToolButton(this);
    pauseButton_->setText(tr("Pause"));
    pauseButton_->setCheckable(true);
    pauseButton_->setToolTip(tr("Freeze the plot; recording continues"));
    status_ = new QLabel(this);
    status_->setObjectName("healthStatus");
    QPalette quiet = status_->palette();
    quiet.setColor(QPalette::WindowText, quiet.color(QPalette::PlaceholderText));
    status_->setPalette(quiet);
    auto* csv = new QToolButton(this);
    csv->setText(tr("Export CSV…"));
    csv->setToolTip(tr("Save the recorded history (up to %1 s) as a CSV file")
                        .arg(history_.spanSeconds(), 0, 'f', 0));
    auto* png = new QToolButton(this);
    png->setText(tr("Export PNG…"));
    png->setToolTip(tr("Save the plot as shown as a PNG image"));
    for (QWidget* w : std::initializer_list<QWidget*>{title, liveButton_, pauseButton_, status_})
        bar->addWidget(w);
    bar->addStretch(1);
    bar->addWidget(csv);
    bar->addWidget(png);
    static_cast<QVBoxLayout*>(layout())->addLayout(bar);
    connect(liveButton_, &QToolButton::toggled, this, &HealthPlot::setLive);
    connect(pauseButton_, &QToolButton::toggled, this, &HealthPlot::setPaused);
    connect(csv, &QToolButton::clicked, this, &HealthPlot::exportCsvWithDialog);
    connect(png, &QToolButton::clicked, this, &HealthPlot::exportPngWithDialog);
}

void HealthPlot::buildPlot() {
    plot_ = new QCustomPlot(this);
    plot_->setObjectName("healthPlot");
    plot_->setToolTip(tr("Wheel: zoom the time axis · drag: pan"));
    plot_->setAutoAddPlottableToLegend(false);
    plot_->plotLayout()->clear(); // our own three strips replace the default axis rect
    plot_->plotLayout()->setRowSpacing(0);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    for (int row : {FillStrip, GcStrip, LoadStrip}) strips_[std::size_t(row)] = addStrip(row);
    QCPAxis* time = strips_[LoadStrip]->axis(QCPAxis::atBottom);
    time->setTickLabels(true);
    time->setLabel(tr("time since start (min:s)"));

    for (const GraphSpec& spec : kGraphs) {
        QCPAxisRect* strip = strips_[spec.strip];
        const bool marker = spec.colour == 0;
        QCPGraph* g = plot_->addGraph(strip->axis(QCPAxis::atBottom),
                                      strip->axis(marker ? QCPAxis::atRight : QCPAxis::atLeft));
        g->setName(tr(spec.name));
        if (marker) { // a red tick across the strip with its head at the top
            g->setLineStyle(QCPGraph::lsImpulse);
            QColor tick = kMarkerRed;
            tick.setAlpha(170);
            g->setPen(QPen(tick, 1));
            g->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssTriangleInverted, kMarkerRed, kMarkerRed, 7));
        } else { // 1 px: a wider pen costs 40 times more to stroke
            const bool target = spec.series == Series::Target;
            g->setPen(QPen(QColor(spec.colour), 1, target ? Qt::DashLine : Qt::SolidLine));
            if (target) g->setLineStyle(QCPGraph::lsStepLeft); // the depth changes in steps
        }
        graphs_[std::size_t(spec.series)] = g;
    }
    for (QCPItemPixmap*& header : headers_) {
        header = new QCPItemPixmap(plot_);
        header->setClipToAxisRect(false);
        header->setLayer("axes");
        header->setSelectable(false);
        header->topLeft->setType(QCPItemPosition::ptAbsolute);
    }
    applyColours();
    connect(plot_, &QCustomPlot::afterLayout, this, &HealthPlot::placeHeaders);
    // Every replot, the user's drags and zooms included, fits the value axes to what is shown.
    connect(plot_, &QCustomPlot::beforeReplot, this, &HealthPlot::rescaleValues);
}

// Everything that follows the palette (a switch to a dark theme repaints it right).
void HealthPlot::applyColours() {
    const QPalette& pal = palette();
    plot_->setBackground(pal.color(QPalette::Window));
    for (QCPAxisRect* strip : strips_) {
        strip->setBackground(pal.color(QPalette::Base));
        for (QCPAxis* a : {strip->axis(QCPAxis::atBottom), strip->axis(QCPAxis::atLeft)}) {
            a->grid()->setPen(QPen(pal.color(QPalette::Mid).lighter(140), 0, Qt::DotLine));
            a->setBasePen(QPen(pal.color(QPalette::Mid)));
            a->setTickPen(QPen(pal.color(QPalette::Mid)));
            a->setSubTickPen(Qt::NoPen);
            a->setLabelColor(pal.color(QPalette::WindowText));
            a->setTickLabelColor(pal.color(QPalette::WindowText));
        }
    }
    refreshHeaders();
}

// Each strip's title and legend, drawn once into a pixmap that sits in the strip's top
// margin: text is what costs most in a replot (shaping), and this text never changes.
void HealthPlot::refreshHeaders() {
    const QString titles[] = {tr("Ring fill (ms)"), tr("Go GC pause (ms)"),
                              tr("Audio callback load (% of the buffer period)")};
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.9);
    for (std::size_t i = 0; i < strips_.size(); ++i) {
        std::vector<const QCPGraph*> graphs;
        for (const GraphSpec& spec : kGraphs)
            if (spec.strip == Strip(i)) graphs.push_back(graph(spec.series));
        const QColor text = palette().color(QPalette::WindowText);
        const QPixmap header =
            plot::renderHeader(titles[i], graphs, small, text, devicePixelRatioF());
        headers_[i]->setPixmap(header);
        const int height = int(std::ceil(header.height() / header.devicePixelRatio()));
        strips_[i]->setMinimumMargins(QMargins(0, height + 4, 0, 0));
    }
}

void HealthPlot::placeHeaders() {
    for (std::size_t i = 0; i < strips_.size(); ++i)
        headers_[i]->topLeft->setCoords(strips_[i]->rect().left(),
                                        strips_[i]->outerRect().top() + 3);
}

void HealthPlot::changeEvent(QEvent* e) {
    QWidget::changeEvent(e);
    const bool restyled = e->type() == QEvent::FontChange || e->type() == QEvent::PaletteChange;
    if (restyled && headers_[0]) applyColours();
}

QCPAxisRect* HealthPlot::addStrip(int row) {
    // The strips share one time ticker and one margin group, so their time axes line up.
    QSharedPointer<QCPAxisTicker> ticker;
    QCPMarginGroup* margins = nullptr;
    if (row == 0) {
        auto time = QSharedPointer<QCPAxisTickerTime>::create();
        time->setTimeFormat("%m:%s");
        ticker = time;
        margins = new QCPMarginGroup(plot_);
    } else {
        ticker = strips_[0]->axis(QCPAxis::atBottom)->ticker();
        margins = strips_[0]->marginGroup(QCP::msLeft);
    }
    auto* strip = new QCPAxisRect(plot_);
    plot_->plotLayout()->addElement(row, 0, strip);
    strip->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    strip->axis(QCPAxis::atTop)->setVisible(false);
    strip->axis(QCPAxis::atRight)->setVisible(false);
    strip->axis(QCPAxis::atRight)->setRange(0, kMarkerAxisTop);
    QCPAxis* time = strip->axis(QCPAxis::atBottom);
    time->setTicker(ticker);
    time->setTickLabels(false); // only the bottom strip labels the shared time axis
    QCPAxis* value = strip->axis(QCPAxis::atLeft);
    value->setRange(0, 1);
    value->ticker()->setTickCount(3);
    strip->setRangeDrag(Qt::Horizontal);
    strip->setRangeZoom(Qt::Horizontal);
    strip->setRangeDragAxes(time, nullptr);
    strip->setRangeZoomAxes(time, nullptr);
    connect(time, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            &HealthPlot::onTimeRangeChanged);
    return strip;
}

// --- data ----------------------------------------------------------------------------------

void HealthPlot::addSnapshot(const StudioSnapshot& s) {
    const HealthHistory::Recorded r = history_.record(s);
    if (r == HealthHistory::Recorded::Ignored) return;
    if (r == HealthHistory::Recorded::Restarted) {
        for (QCPGraph* g : graphs_) g->data()->clear();
        plottedUntil_ = lastVisibleChange_ = -std::numeric_limits<double>::infinity();
    }
    if (paused_) return; // recorded; Resume shows it
    showNewSamples();
    if (live_) followNewest();
    const QCPRange view = timeRange();
    const double newest = plottedUntil_;
    if (newest < view.lower || (!live_ && newest > view.upper + 1.0)) return; // out of view
    const HealthSample& latest = history_.latest();
    if (latest.newUnderruns || latest.newXruns)
        requestReplot(0); // a marker: show it now
    else if (latest.soundingSlots)
        requestReplot(kPlayingMs);
    else
        requestReplot(lastVisibleChange_ >= view.lower ? kQuietMs : kFlatMs);
}

// Appends what the history has beyond the graphs and drops what it no longer has: the
// graphs hold the same 120 s, so zooming out or panning back shows all of it.
void HealthPlot::showNewSamples() {
    const std::deque<HealthSample>& samples = history_.samples();
    if (samples.empty()) return;
    const double after = plottedUntil_;
    auto it = samples.end();
    while (it != samples.begin() && std::prev(it)->time > after) --it;
    const HealthSample* before = it == samples.begin() ? nullptr : &*std::prev(it);
    for (; it != samples.end(); before = &*it, ++it) {
        for (Series s : kLines) plot::appendPoint(graph(s), it->time, valueOf(*it, s));
        if (!before || changesVisibly(*it, *before)) lastVisibleChange_ = it->time;
    }
    appendEvents(graph(Series::Underruns), history_.underrunEvents(), after);
    appendEvents(graph(Series::Xruns), history_.xrunEvents(), after);
    plottedUntil_ = samples.back().time;
    for (Series s : kLines) plot::trimBefore(graph(s), samples.front().time);
    graph(Series::Underruns)->data()->removeBefore(samples.front().time);
    graph(Series::Xruns)->data()->removeBefore(samples.front().time);
}

// Moves a line by a pixel or more, or adds a marker: worth a frame of its own.
bool HealthPlot::changesVisibly(const HealthSample& now, const HealthSample& before) const {
    if (now.newUnderruns || now.newXruns) return true;
    for (Series s : kLines) {
        const double a = valueOf(now, s);
        const double b = valueOf(before, s);
        if (std::isnan(a) || std::isnan(b)) {
            if (std::isnan(a) != std::isnan(b)) return true;
            continue;
        }
        const QCPAxis* axis = graph(s)->valueAxis();
        const double pixels = std::max(50, axis->axisRect()->height()) / axis->range().size();
        if (std::abs(a - b) * pixels >= 1.0) return true;
    }
    return false;
}

// --- view ----------------------------------------------------------------------------------

QCPRange HealthPlot::timeRange() const {
    return strips_[0]->axis(QCPAxis::atBottom)->range();
}

void HealthPlot::applyTimeRange(const QCPRange& range) {
    settingRange_ = true;
    for (QCPAxisRect* strip : strips_) strip->axis(QCPAxis::atBottom)->setRange(range);
    settingRange_ = false;
}

void HealthPlot::followNewest() {
    if (history_.empty()) return;
    // Until a window's worth has been recorded the data grows from the left edge.
    const double upper = std::max(plottedUntil_, history_.samples().front().time + window_);
    applyTimeRange(QCPRange(upper - window_, upper));
}

// The user dragged or zoomed one strip's time axis: the others follow, Live keeps following
// the newest sample through a zoom but not through a drag.
void HealthPlot::onTimeRangeChanged(const QCPRange& range) {
    if (settingRange_) return;
    const double size = std::clamp(range.size(), kMinWindowSeconds, history_.spanSeconds());
    const bool zoomed = std::abs(size - window_) > 1e-6 * window_;
    window_ = size;
    if (live_ && zoomed) {
        followNewest();
    } else {
        if (live_) setLive(false);
        applyTimeRange(QCPRange(range.center() - size / 2, range.center() + size / 2));
    }
    updateStatus();
}

void HealthPlot::setLive(bool live) {
    if (live == live_) return;
    live_ = live;
    const QSignalBlocker block(liveButton_);
    liveButton_->setChecked(live);
    if (live) {
        followNewest();
        requestReplot(0);
    }
    updateStatus();
    emit liveChanged(live);
}

void HealthPlot::setPaused(bool paused) {
    if (paused == paused_) return;
    paused_ = paused;
    const QSignalBlocker block(pauseButton_);
    pauseButton_->setChecked(paused);
    pauseButton_->setText(paused ? tr("Resume") : tr("Pause"));
    if (!paused) { // catch up with what was recorded meanwhile
        showNewSamples();
        if (live_) followNewest();
        requestReplot(0);
    }
    updateStatus();
    emit pausedChanged(paused);
}

void HealthPlot::setWindowSeconds(double seconds) {
    window_ = std::clamp(seconds, kMinWindowSeconds, history_.spanSeconds());
    const double centre = timeRange().center();
    if (live_)
        followNewest();
    else
        applyTimeRange(QCPRange(centre - window_ / 2, centre + window_ / 2));
    updateStatus();
    requestReplot(0);
}

void HealthPlot::updateStatus() {
    QString text = tr("%1 s window").arg(window_, 0, 'f', window_ < 10 ? 1 : 0);
    if (paused_)
        text = tr("paused · ") + text + tr(" · still recording");
    else if (!live_)
        text += tr(" · press Live to follow");
    status_->setText(text);
}

// --- drawing -------------------------------------------------------------------------------

void HealthPlot::rescaleValues() {
    const QCPRange keys = timeRange();
    const auto top = [&](std::initializer_list<Series> series, double floor, double headroom) {
        double highest = 0.0;
        for (Series s : series) {
            bool found = false;
            const QCPRange r = graph(s)->getValueRange(found, QCP::sdBoth, keys);
            if (found) highest = std::max(highest, r.upper);
        }
        return plot::niceCeil(std::max(floor, highest * headroom));
    };
    const auto set = [&](Strip strip, double upper) {
        strips_[strip]->axis(QCPAxis::atLeft)->setRange(0, upper);
    };
    set(FillStrip, top({Series::FillMin, Series::FillMean, Series::Target}, 1.0, 1.15));
    set(GcStrip, top({Series::GcP99, Series::GcMax}, 1.0, 1.2));
    set(LoadStrip, top({Series::LoadP99}, 10.0, 1.2));
}

void HealthPlot::requestReplot(int intervalMs) {
    if (!isVisible()) { // drawn when shown: a hidden plot costs nothing
        stale_ = true;
        return;
    }
    const qint64 elapsed = sinceReplot_.isValid() ? sinceReplot_.elapsed() : intervalMs;
    const qint64 wait = intervalMs - elapsed;
    if (wait <= 0) return replotNow();
    // Coalesce: one replot when the interval is up, however many snapshots came meanwhile.
    if (!deferredReplot_.isActive() || deferredReplot_.remainingTime() > wait)
        deferredReplot_.start(int(wait));
}

void HealthPlot::replotNow() {
    deferredReplot_.stop();
    stale_ = false;
    plot_->replot(QCustomPlot::rpQueuedReplot);
    sinceReplot_.restart();
}

void HealthPlot::showEvent(QShowEvent* e) {
    QWidget::showEvent(e);
    if (stale_) replotNow();
}

// --- export --------------------------------------------------------------------------------

bool HealthPlot::exportCsv(const QString& path, QString* error) const {
    return history_.writeCsv(path, error);
}

bool HealthPlot::exportPng(const QString& path, int width, int height) {
    rescaleValues(); // savePng draws without a replot
    return plot_->savePng(path, width, height);
}

void HealthPlot::exportCsvWithDialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export health history"),
                                                      defaultExportPath("csv"), tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export CSV"), error);
}

void HealthPlot::exportPngWithDialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export health plot"),
                                                      defaultExportPath("png"), tr("PNG (*.png)"));
    if (!path.isEmpty() && !exportPng(path))
        QMessageBox::warning(this, tr("Export PNG"), tr("Cannot write %1.").arg(path));
}

} // namespace govox::ui
