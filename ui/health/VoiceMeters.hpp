// VoiceMeters.hpp - one small bar per voice slot: how full its ring is, where the target
// fill sits, what state the voice is in and how many underruns it had; with the stream's
// total underruns and xruns and a button to reset the counters.
//
// Aims
// - Cheap at 30 snapshots a second and 128 slots: one paintEvent draws every bar (no child
//   widget per slot), and a snapshot that changes nothing on screen schedules no repaint.
// - Readable at a glance: colour says the state, the bar's height the fill against the
//   ring's capacity, a tick the target; exact figures are in each bar's tooltip.
// - Depends on StudioSnapshot only, so tests drive it with made-up snapshots.
//
// Threads: UI thread.
#pragma once

#include "ui/studio/StudioSnapshot.hpp"

#include <QColor>
#include <QWidget>

#include <cstdint>
#include <vector>

class QLabel;
class QPushButton;

namespace govox::ui {

class VoiceMeters final : public QWidget {
    Q_OBJECT

public:
    explicit VoiceMeters(QWidget* parent = nullptr);

    // Shows a snapshot's slots and counters; repaints only what changed.
    void setSnapshot(const StudioSnapshot& s);

    // What is on screen, for tests and tooltips. `slot` is 0-based; the UI says "slot 1".
    int slotCount() const { return int(slots_.size()); }
    SlotState stateAt(int slot) const;
    std::uint32_t fillFramesAt(int slot) const;
    double fillFractionAt(int slot) const; // of capacity, 0..1: the bar's height
    std::uint32_t underrunsAt(int slot) const;
    // The count under the bar ("99+" past 99; a dot when too wide for the column), or empty.
    QString underrunLabelAt(int slot) const;
    QString toolTipAt(int slot) const;
    QString totalsText() const;
    QRect meterRect(int slot) const; // the bar, in widget coordinates
    int slotAt(QPoint pos) const;    // -1 when no bar is there
    int rowCount() const;
    int paintCount() const { return paints_; } // paintEvents so far: tests check repaint skipping

    static QColor stateColor(SlotState state);
    static QString stateName(SlotState state);

    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    // The user pressed Reset; connect to Studio::resetUnderruns.
    void resetRequested();

protected:
    bool event(QEvent* e) override;
    void paintEvent(QPaintEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;

private:
    // Where the bars go for a given size: computed, never stored, so resizing needs nothing.
    struct Grid {
        int columns = 1;
        int rows = 0;
        int barWidth = 0;
        int barHeight = 0;
        int pitch = 0;    // from one bar's left edge to the next
        int rowPitch = 0; // bar + its underrun label + gap
        int gutter = 0;   // room for row numbers when the bars wrap
    };
    Grid grid(int width, int height) const; // height 0: the compact layout
    int barsTop(int width) const;
    int legendHeight(int width) const;
    QFont smallFont() const;
    void paintBar(QPainter& p, int slot, const QRect& bar, int pitch) const;
    void paintLegend(QPainter& p, int top) const;
    void setTotals(const StudioSnapshot& s);

    QLabel* totals_ = nullptr;
    QPushButton* reset_ = nullptr;
    QWidget* header_ = nullptr;
    std::vector<SlotView> slots_;
    std::uint32_t sampleRate_ = 0;
    int paints_ = 0;
};

} // namespace govox::ui
