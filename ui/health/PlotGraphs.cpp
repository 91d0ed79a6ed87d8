#include "ui/health/PlotGraphs.hpp"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace govox::ui::plot {

// A round number at or above v (1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 x 10^n): value axes that do
// not twitch with every sample, with little wasted height.
double niceCeil(double v) {
    if (!(v > 0)) return 1.0;
    const double decade = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0})
        if (m * decade >= v * (1 - 1e-9)) return m * decade;
    return 10 * decade;
}

bool sameValue(double a, double b) {
    return a == b || (std::isnan(a) && std::isnan(b));
}

// A run of equal values needs only its two ends: the run's last point moves to the new key
// instead of a point being added. Idle lines (GC pauses, the target, a held load figure)
// then cost a few points instead of 30 a second, and a replot draws that much less.
void appendPoint(QCPGraph* graph, double key, double value) {
    QCPGraphDataContainer& data = *graph->data();
    if (data.size() >= 2) {
        const auto last = data.end() - 1;
        if (sameValue(last->value, value) && sameValue((last - 1)->value, value)) {
            last->key = key; // still the newest key: the order holds
            return;
        }
    }
    graph->addData(key, value);
}

// Drops points before `oldest` but keeps the one just before it, which may start a run that
// is still going on.
void trimBefore(QCPGraph* graph, double oldest) {
    QCPGraphDataContainer& data = *graph->data();
    auto keep = data.findBegin(oldest, false); // the first point at or after `oldest`
    if (keep != data.constBegin() && (keep == data.constEnd() || keep->key > oldest)) --keep;
    if (keep != data.constEnd()) data.removeBefore(keep->key);
}

// A strip's header: its title, then a sample of each line or marker with its name.
QPixmap renderHeader(const QString& title, const std::vector<const QCPGraph*>& graphs,
                     const QFont& font, const QColor& text, qreal dpr) {
    constexpr int kSwatch = 18;
    constexpr int kSpace = 14;
    QFont bold = font;
    bold.setBold(true);
    const QFontMetrics fm(font);
    const QFontMetrics bm(bold);
    int width = bm.horizontalAdvance(title) + kSpace;
    for (const QCPGraph* g : graphs)
        width += kSwatch + 4 + fm.horizontalAdvance(g->name()) + kSpace;
    const int height = std::max(fm.height(), bm.height()) + 2;
    QPixmap pixmap(QSize(width, height) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const int baseline = 1 + bm.ascent();
    const double mid = height / 2.0;
    p.setFont(bold);
    p.setPen(text);
    p.drawText(0, baseline, title);
    int x = bm.horizontalAdvance(title) + kSpace;
    p.setFont(font);
    for (const QCPGraph* g : graphs) {
        if (g->lineStyle() == QCPGraph::lsImpulse) { // a marker: a tick with its head
            const QColor c = g->scatterStyle().brush().color();
            const double cx = x + kSwatch / 2.0;
            p.setPen(QPen(c, 1));
            p.drawLine(QPointF(cx, 2), QPointF(cx, height - 2));
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawPolygon(QPolygonF({QPointF(cx - 4, 1), QPointF(cx + 4, 1), QPointF(cx, 7)}));
        } else {
            QPen pen = g->pen();
            pen.setWidthF(2);
            p.setPen(pen);
            p.drawLine(QPointF(x, mid), QPointF(x + kSwatch, mid));
        }
        x += kSwatch + 4;
        p.setPen(text);
        p.drawText(x, baseline, g->name());
        x += fm.horizontalAdvance(g->name()) + kSpace;
    }
    return pixmap;
}

} // namespace govox::ui::plot
