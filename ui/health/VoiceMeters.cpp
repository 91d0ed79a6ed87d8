#include "ui/health/VoiceMeters.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QRegularExpression>
#include <QToolTip>

#include <algorithm>

namespace govox::ui {
namespace {

constexpr int kGap = 4;               // between bars, and between the header and the bars
constexpr int kMinBar = 8;            // narrower bars stop reading as bars: wrap instead
constexpr int kMaxBar = 22;           // wider ones waste the space a plot could use
constexpr int kMaxBarHeight = 160;    // given a tall panel, bars grow up to this
constexpr int kMaxUnderrunLabel = 99; // "99+" fits under a narrow bar; the tooltip has it all

constexpr SlotState kAllStates[] = {SlotState::Active,  SlotState::Releasing, SlotState::Underrun,
                                    SlotState::Stopped, SlotState::Crashed,   SlotState::Free};

bool sameSlot(const SlotView& a, const SlotView& b) {
    return a.fillFrames == b.fillFrames && a.targetFrames == b.targetFrames &&
           a.capacityFrames == b.capacityFrames && a.state == b.state && a.underruns == b.underruns;
}

// The scale a bar is drawn against: the ring's capacity, or a guess while the host has not
// said (twice the target, so that the target tick still sits somewhere sensible).
double scaleOf(const SlotView& s) {
    if (s.capacityFrames) return s.capacityFrames;
    return std::max({2.0 * s.targetFrames, double(s.fillFrames), 1.0});
}

QString msText(std::uint32_t frames, std::uint32_t rate) {
    return rate ? QString::number(1000.0 * frames / rate, 'f', 1) + " ms" : QStringLiteral("? ms");
}

} // namespace

VoiceMeters::VoiceMeters(QWidget* parent) : QWidget(parent) {
    // The header is placed by resizeEvent, not by a layout on this widget: Qt asks a widget's
    // layout for its heightForWidth, and a layout knows nothing of the bars painted below.
    header_ = new QWidget(this);
    auto* row = new QHBoxLayout(header_);
    row->setContentsMargins(0, 0, 0, 0);
    auto* title = new QLabel(tr("<b>Voice rings</b>"), header_);
    totals_ = new QLabel(header_);
    totals_->setObjectName("voiceTotals");
    totals_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    totals_->setWordWrap(true); // a narrow panel gets two lines rather than a clipped one
    reset_ = new QPushButton(tr("Reset"), header_);
    reset_->setObjectName("resetUnderruns");
    reset_->setToolTip(tr("Reset the underrun counters (every voice and the total)"));
    row->addWidget(title);
    row->addSpacing(8);
    row->addWidget(totals_, 1);
    row->addWidget(reset_);
    // Preferred, not Fixed: in a splitter next to the plot the meters get the plot's height
    // (and grow their bars) instead of capping the splitter's.
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    connect(reset_, &QPushButton::clicked, this, &VoiceMeters::resetRequested);
    setTotals(StudioSnapshot{});
}

void VoiceMeters::setSnapshot(const StudioSnapshot& s) {
    setTotals(s);
    const bool resized = s.voiceSlots.size() != slots_.size();
    bool changed = resized || s.sampleRate != sampleRate_;
    for (std::size_t i = 0; !changed && i < slots_.size(); ++i)
        changed = !sameSlot(slots_[i], s.voiceSlots[i]);
    if (!changed) return; // the common case with nothing playing: no repaint at all
    slots_ = s.voiceSlots;
    sampleRate_ = s.sampleRate;
    if (resized) updateGeometry(); // more slots may need more rows
    update();
}

void VoiceMeters::setTotals(const StudioSnapshot& s) {
    std::uint32_t sounding = 0;
    for (const SlotView& v : s.voiceSlots)
        sounding += v.state == SlotState::Active || v.state == SlotState::Releasing ||
                    v.state == SlotState::Underrun;
    const QString voices =
        s.voiceSlots.empty() ? tr("no voice")
                             : tr("%1 of %2 slots sounding").arg(sounding).arg(s.voiceSlots.size());
    const auto count = [](std::uint64_t n, const QString& one, const QString& many,
                          const char* colour) {
        const QString text = QString::number(n) + " " + (n == 1 ? one : many);
        return n ? QString("<span style='color:%1;font-weight:600'>%2</span>").arg(colour, text)
                 : text;
    };
    // The engine's quality hint (QualityGovernor): orange while lowered to save the rings.
    QString quality;
    if (!s.quality.empty()) {
        const QString word = tr("quality %1").arg(QString::fromStdString(s.quality));
        quality = " · " + (s.quality == "low" ? QString("<span style='color:#c65a00;font-weight:"
                                                        "600'>%1</span>")
                                                    .arg(word)
                                              : word);
    }
    // A voice without rollback: its note-offs, bends and controllers wait behind its ring.
    const QString ring = s.ringLatency ? " · <span style='color:#c65a00;font-weight:600'>" +
                                             tr("controls wait for the ring") + "</span>"
                                       : QString();
    const QString rich = voices + quality + ring + " · " +
                         count(s.underruns, tr("underrun"), tr("underruns"), "#c65a00") + " · " +
                         count(s.xruns, tr("xrun"), tr("xruns"), "#c62828");
    if (rich != totals_->text()) {
        const int top = barsTop(width());
        totals_->setText(rich);
        // Longer totals may wrap onto a second line (or back): the bars move down (or up).
        if (barsTop(width()) != top) {
            header_->setGeometry(0, 0, width(), barsTop(width()) - kGap);
            updateGeometry();
            update();
        }
    }
    QString why = s.quality.empty() ? QString()
                                    : tr("Quality the engine asks of the voice: %1 (%2)")
                                          .arg(QString::fromStdString(s.quality),
                                               QString::fromStdString(s.qualityWhy));
    if (s.ringLatency)
        why += tr("\nThis voice cannot be rolled back, so a note-off, bend, controller or "
                  "parameter change is heard only after what its ring holds. Its state holds "
                  "slices, maps or pointers the SDK cannot copy (sdk.CheckRollback in its tests "
                  "names the field): implementing sdk.Snapshotter gives it the same latency as "
                  "a note-on.");
    if (why != totals_->toolTip()) totals_->setToolTip(why);
}

QString VoiceMeters::totalsText() const {
    QString plain = totals_->text();
    plain.remove(QRegularExpression("<[^>]*>"));
    return plain;
}

SlotState VoiceMeters::stateAt(int slot) const {
    return slots_.at(slot).state;
}
std::uint32_t VoiceMeters::fillFramesAt(int slot) const {
    return slots_.at(slot).fillFrames;
}
std::uint32_t VoiceMeters::underrunsAt(int slot) const {
    return slots_.at(slot).underruns;
}

double VoiceMeters::fillFractionAt(int slot) const {
    const SlotView& s = slots_.at(slot);
    return std::clamp(s.fillFrames / scaleOf(s), 0.0, 1.0);
}

QString VoiceMeters::underrunLabelAt(int slot) const {
    const std::uint32_t n = slots_.at(slot).underruns;
    if (!n) return {};
    return n > kMaxUnderrunLabel ? QString::number(kMaxUnderrunLabel) + "+" : QString::number(n);
}

QString VoiceMeters::toolTipAt(int slot) const {
    const SlotView& s = slots_.at(slot);
    return tr("Slot %1 · %2\nFill %3 frames (%4) of %5\nTarget %6 frames (%7)\nUnderruns %8")
        .arg(slot + 1)
        .arg(stateName(s.state))
        .arg(s.fillFrames)
        .arg(msText(s.fillFrames, sampleRate_))
        .arg(s.capacityFrames)
        .arg(s.targetFrames)
        .arg(msText(s.targetFrames, sampleRate_))
        .arg(s.underruns);
}

QColor VoiceMeters::stateColor(SlotState state) {
    switch (state) {
    case SlotState::Free: return QColor(0x9e, 0x9e, 0x9e);
    case SlotState::Active: return QColor(0x2e, 0x9d, 0x4f);
    case SlotState::Releasing: return QColor(0x1f, 0x8f, 0xb3);
    case SlotState::Underrun: return QColor(0xf0, 0x8c, 0x00);
    case SlotState::Stopped: return QColor(0xc9, 0x6a, 0x6a);
    case SlotState::Crashed: return QColor(0xc6, 0x28, 0x28);
    }
    return Qt::gray;
}

QString VoiceMeters::stateName(SlotState state) {
    switch (state) {
    case SlotState::Free: return tr("free");
    case SlotState::Active: return tr("active");
    case SlotState::Releasing: return tr("releasing");
    case SlotState::Underrun: return tr("underrun");
    case SlotState::Stopped: return tr("stopped");
    case SlotState::Crashed: return tr("crashed");
    }
    return {};
}

// --- geometry ------------------------------------------------------------------------------

QFont VoiceMeters::smallFont() const {
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 0.85);
    return f;
}

namespace {

// The legend's items (a swatch and a name each) laid out in lines that fit `width`: the
// x of each item and the line it is on.
struct LegendItem {
    QColor colour;
    QString name;
    bool tick = false; // the target's tick rather than a swatch
    int x = 0;
    int line = 0;
};

std::vector<LegendItem> legendLayout(const QFontMetrics& fm, int width) {
    std::vector<LegendItem> items;
    for (SlotState state : kAllStates)
        items.push_back({VoiceMeters::stateColor(state), VoiceMeters::stateName(state)});
    items.push_back({QColor(), VoiceMeters::tr("target fill"), true});
    int x = 0;
    int line = 0;
    for (LegendItem& item : items) {
        const int w = fm.height() + fm.horizontalAdvance(item.name);
        if (x > 0 && x + w > width) {
            x = 0;
            ++line;
        }
        item.x = x;
        item.line = line;
        x += w + 12;
    }
    return items;
}

} // namespace

int VoiceMeters::legendHeight(int width) const {
    const QFontMetrics fm(smallFont());
    return (legendLayout(fm, width).back().line + 1) * fm.height() + kGap;
}

int VoiceMeters::barsTop(int width) const {
    const int header = header_->heightForWidth(width); // the totals wrap when narrow
    return (header > 0 ? header : header_->sizeHint().height()) + kGap;
}

VoiceMeters::Grid VoiceMeters::grid(int width, int height) const {
    Grid g;
    const int n = int(slots_.size());
    if (!n) return g;
    const QFontMetrics small(smallFont());
    g.columns = std::clamp(width / (kMinBar + kGap), 1, n);
    g.rows = (n + g.columns - 1) / g.columns;
    if (g.rows > 1) { // room for the first slot number of each row, then balance the rows
        g.gutter = small.horizontalAdvance(QString::number(n)) + kGap;
        g.columns = std::clamp((width - g.gutter) / (kMinBar + kGap), 1, n);
        g.rows = (n + g.columns - 1) / g.columns;
        g.columns = (n + g.rows - 1) / g.rows;
    }
    g.pitch = std::max(kMinBar + kGap, (width - g.gutter) / g.columns);
    g.barWidth = std::clamp(g.pitch - kGap, kMinBar, kMaxBar);
    g.pitch = std::min(g.pitch, g.barWidth + 2 * kGap); // wide bars get a little more air
    const int label = small.height() + kGap;            // the underrun count under each bar
    g.barHeight = g.rows == 1 ? 72 : g.rows == 2 ? 52 : 36;
    if (height > 0) { // given more room than the compact layout needs: taller bars read better
        const int room = height - barsTop(width) - legendHeight(width) - g.rows * label;
        g.barHeight = std::clamp(room / g.rows, g.barHeight, kMaxBarHeight);
    }
    g.rowPitch = g.barHeight + label;
    return g;
}

void VoiceMeters::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    header_->setGeometry(0, 0, width(), barsTop(width()) - kGap);
}

int VoiceMeters::rowCount() const {
    return grid(width(), height()).rows;
}

int VoiceMeters::heightForWidth(int width) const {
    const Grid g = grid(width, 0);
    const int bars = g.rows ? g.rows * g.rowPitch : QFontMetrics(font()).height() * 2;
    return barsTop(width) + bars + legendHeight(width);
}

QSize VoiceMeters::sizeHint() const {
    return {480, heightForWidth(480)};
}

QSize VoiceMeters::minimumSizeHint() const {
    return {160, heightForWidth(160)};
}

QRect VoiceMeters::meterRect(int slot) const {
    const Grid g = grid(width(), height());
    if (slot < 0 || slot >= slotCount()) return {};
    const int x = g.gutter + (slot % g.columns) * g.pitch;
    const int y = barsTop(width()) + (slot / g.columns) * g.rowPitch;
    return {x, y, g.barWidth, g.barHeight};
}

int VoiceMeters::slotAt(QPoint pos) const {
    const Grid g = grid(width(), height());
    const int top = barsTop(width());
    if (!g.rows || pos.x() < g.gutter || pos.y() < top) return -1;
    const int column = (pos.x() - g.gutter) / g.pitch;
    const int slot = (pos.y() - top) / g.rowPitch * g.columns + column;
    // The whole cell counts (bar, gap and label), so the tooltip is easy to hit.
    if (column >= g.columns || slot >= slotCount()) return -1;
    return slot;
}

// --- painting ------------------------------------------------------------------------------

bool VoiceMeters::event(QEvent* e) {
    if (e->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(e);
        const int slot = slotAt(help->pos());
        if (slot < 0) {
            QToolTip::hideText();
            e->ignore();
        } else {
            QToolTip::showText(help->globalPos(), toolTipAt(slot), this, meterRect(slot));
        }
        return true;
    }
    return QWidget::event(e);
}

void VoiceMeters::paintEvent(QPaintEvent*) {
    ++paints_;
    QPainter p(this);
    const Grid g = grid(width(), height());
    const int top = barsTop(width());
    p.setFont(smallFont());
    p.setPen(palette().color(QPalette::PlaceholderText));
    const int empty = 2 * fontMetrics().height();
    if (!g.rows)
        p.drawText(QRect(0, top, width(), empty), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("No voice loaded"));
    for (int row = 0; g.rows > 1 && row < g.rows; ++row)
        p.drawText(QRect(0, top + row * g.rowPitch, g.gutter - kGap, g.barHeight),
                   Qt::AlignRight | Qt::AlignBottom, QString::number(row * g.columns + 1));
    for (int slot = 0; slot < slotCount(); ++slot) paintBar(p, slot, meterRect(slot), g.pitch);
    paintLegend(p, top + (g.rows ? g.rows * g.rowPitch : empty));
}

void VoiceMeters::paintBar(QPainter& p, int slot, const QRect& bar, int pitch) const {
    const SlotView& s = slots_[std::size_t(slot)];
    const QColor colour = stateColor(s.state);
    p.fillRect(bar, palette().color(QPalette::Base).darker(112));
    // A slot that should sound but has nothing to play (dry, stopped, crashed) is tinted and
    // outlined in its state's colour, so it stands out even with an empty ring.
    const bool alarm = s.state == SlotState::Underrun || s.state == SlotState::Stopped ||
                       s.state == SlotState::Crashed;
    if (alarm) {
        QColor tint = colour;
        tint.setAlpha(60);
        p.fillRect(bar, tint);
    }
    const int filled = int(fillFractionAt(slot) * bar.height() + 0.5);
    if (filled > 0) p.fillRect(bar.x(), bar.bottom() + 1 - filled, bar.width(), filled, colour);
    if (alarm) {
        p.setPen(colour);
        p.drawRect(bar.adjusted(0, 0, -1, -1));
    }
    const bool playing = s.state != SlotState::Free && s.state != SlotState::Stopped &&
                         s.state != SlotState::Crashed;
    if (s.targetFrames && playing) {
        const double target = std::min(1.0, s.targetFrames / scaleOf(s));
        const int y = bar.bottom() - int(target * bar.height());
        p.fillRect(bar.x() - 1, y, bar.width() + 2, 2, palette().color(QPalette::WindowText));
    }
    const QString label = underrunLabelAt(slot);
    if (label.isEmpty()) return;
    const QColor ink = stateColor(SlotState::Underrun).darker(120);
    const QFontMetrics fm = p.fontMetrics();
    if (fm.horizontalAdvance(label) < pitch) {
        p.setPen(ink);
        p.drawText(QRect(bar.center().x() - pitch / 2, bar.bottom() + 1, pitch, fm.height()),
                   Qt::AlignHCenter | Qt::AlignTop, label);
    } else { // too wide for the column: a dot says "underruns here", the tooltip says how many
        p.setPen(Qt::NoPen);
        p.setBrush(ink);
        const QPointF centre(bar.center().x() + 0.5, bar.bottom() + 1 + fm.height() / 2.0);
        p.drawEllipse(centre, 2.5, 2.5);
        p.setBrush(Qt::NoBrush);
    }
}

void VoiceMeters::paintLegend(QPainter& p, int top) const {
    const QFontMetrics fm = p.fontMetrics();
    const int h = fm.height();
    const int swatch = h - 4;
    for (const LegendItem& item : legendLayout(fm, width())) {
        const int y = top + item.line * h;
        if (item.tick)
            p.fillRect(item.x, y + h / 2 - 1, swatch, 2, palette().color(QPalette::WindowText));
        else
            p.fillRect(item.x, y + 2, swatch, swatch, item.colour);
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(item.x + h, y + fm.ascent(), item.name);
    }
}

} // namespace govox::ui
