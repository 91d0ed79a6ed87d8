// PlotGraphs.hpp - what the health plot does to QCustomPlot's graphs: append points so
// that a flat line costs two of them, trim what has scrolled out of the window, pick value
// axes that do not twitch, and draw a strip's header (its title and a key of its lines).
//
// Threads: the UI thread (QCustomPlot's objects are widgets' parts).
#pragma once

#include <qcustomplot.h>

#include <QColor>
#include <QFont>
#include <QPixmap>
#include <QString>

#include <vector>

namespace govox::ui::plot {

// A round number at or above v (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 x 10^n).
double niceCeil(double v);
// Equal, or both NaN (a gap).
bool sameValue(double a, double b);
// Appends (key, value), or moves the end of a run of that value to `key`.
void appendPoint(QCPGraph* graph, double key, double value);
// Drops the points before `oldest`, but the one that may start a run still going on.
void trimBefore(QCPGraph* graph, double oldest);
// A strip's header: its title, then a sample of each line or marker with its name.
QPixmap renderHeader(const QString& title, const std::vector<const QCPGraph*>& graphs,
                     const QFont& font, const QColor& text, qreal dpr);

} // namespace govox::ui::plot
