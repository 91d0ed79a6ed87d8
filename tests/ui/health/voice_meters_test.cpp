// VoiceMeters: each slot's state, fill and underruns as drawn, the totals, the Reset button,
// wrapping up to 128 slots, and no repaint for a snapshot that changes nothing.
#include "SyntheticStudio.hpp"
#include "ui/health/VoiceMeters.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QLabel>
#include <QPushButton>

#include <gtest/gtest.h>

namespace govox::ui {
namespace {

using test::snapshotWith;

// Runs the event loop for a while: showing a window takes a few rounds of events.
void settle(int ms = 100) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) QApplication::processEvents();
}

SlotView slot(SlotState state, std::uint32_t fill, std::uint32_t underruns = 0) {
    return SlotView{fill, 1024, 4096, state, underruns};
}

TEST(VoiceMeters, ShowsEachSlotsStateAndFill) {
    VoiceMeters m;
    m.resize(400, m.heightForWidth(400));
    m.setSnapshot(snapshotWith({slot(SlotState::Free, 0), slot(SlotState::Active, 1024),
                                slot(SlotState::Releasing, 512), slot(SlotState::Underrun, 0, 1),
                                slot(SlotState::Stopped, 0, 3), slot(SlotState::Crashed, 0)}));
    ASSERT_EQ(m.slotCount(), 6);
    EXPECT_EQ(m.stateAt(0), SlotState::Free);
    EXPECT_EQ(m.stateAt(1), SlotState::Active);
    EXPECT_EQ(m.stateAt(2), SlotState::Releasing);
    EXPECT_EQ(m.stateAt(3), SlotState::Underrun);
    EXPECT_EQ(m.stateAt(4), SlotState::Stopped);
    EXPECT_EQ(m.stateAt(5), SlotState::Crashed);
    EXPECT_EQ(m.fillFramesAt(1), 1024u);
    EXPECT_DOUBLE_EQ(m.fillFractionAt(1), 0.25); // of the 4096-frame ring
    EXPECT_DOUBLE_EQ(m.fillFractionAt(2), 0.125);
    // Every state has its own colour.
    const SlotState all[] = {SlotState::Free,     SlotState::Active,  SlotState::Releasing,
                             SlotState::Underrun, SlotState::Stopped, SlotState::Crashed};
    for (SlotState a : all) {
        for (SlotState b : all) {
            if (a != b) {
                EXPECT_NE(VoiceMeters::stateColor(a), VoiceMeters::stateColor(b));
            }
        }
    }
}

TEST(VoiceMeters, TooltipGivesSlotFillInFramesAndMsStateAndUnderruns) {
    VoiceMeters m;
    m.resize(400, m.heightForWidth(400));
    m.setSnapshot(snapshotWith({slot(SlotState::Active, 960), slot(SlotState::Underrun, 0, 4)}));
    const QString tip = m.toolTipAt(0);
    EXPECT_TRUE(tip.contains("Slot 1")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("960 frames (20.0 ms)")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("active")) << tip.toStdString();
    EXPECT_TRUE(m.toolTipAt(1).contains("Underruns 4"));
    EXPECT_TRUE(m.toolTipAt(1).contains("underrun"));
    // The tooltip is found where the bar is drawn.
    EXPECT_EQ(m.slotAt(m.meterRect(1).center()), 1);
    EXPECT_EQ(m.slotAt(QPoint(m.width() - 1, 0)), -1);
}

TEST(VoiceMeters, InjectedUnderrunIncrementsTheCountersShown) {
    VoiceMeters m;
    StudioSnapshot s = snapshotWith({slot(SlotState::Active, 1000), slot(SlotState::Active, 1000)});
    m.setSnapshot(s);
    EXPECT_EQ(m.underrunLabelAt(1), "");
    EXPECT_TRUE(m.totalsText().contains("0 underruns")) << m.totalsText().toStdString();

    s.time += 1.0 / 30;
    s.voiceSlots[1] = slot(SlotState::Underrun, 0, 2);
    s.underruns = 2;
    s.xruns = 1;
    m.setSnapshot(s);
    EXPECT_EQ(m.underrunsAt(1), 2u);
    EXPECT_EQ(m.underrunLabelAt(1), "2");
    EXPECT_EQ(m.underrunLabelAt(0), "");
    EXPECT_TRUE(m.totalsText().contains("2 underruns")) << m.totalsText().toStdString();
    EXPECT_TRUE(m.totalsText().contains("1 xrun")) << m.totalsText().toStdString();
    EXPECT_FALSE(m.totalsText().contains("1 xruns")) << m.totalsText().toStdString();
    EXPECT_TRUE(m.totalsText().contains("2 of 2 slots sounding")) << m.totalsText().toStdString();

    s.voiceSlots[1].underruns = 150; // too wide for a bar: the tooltip has the exact count
    m.setSnapshot(s);
    EXPECT_EQ(m.underrunLabelAt(1), "99+");
}

// A voice without rollback hears its controls behind its ring: the meters say so, and
// the tooltip says why and what to do; a voice with rollback shows nothing of it.
TEST(VoiceMeters, SayWhenAVoiceHasRingLatencyForItsControls) {
    VoiceMeters m;
    StudioSnapshot s = snapshotWith({slot(SlotState::Active, 1000)});
    m.setSnapshot(s);
    EXPECT_FALSE(m.totalsText().contains("ring")) << m.totalsText().toStdString();
    s.time += 1.0 / 30;
    s.ringLatency = true;
    m.setSnapshot(s);
    EXPECT_TRUE(m.totalsText().contains("controls wait for the ring"))
        << m.totalsText().toStdString();
    EXPECT_TRUE(m.findChild<QLabel*>("voiceTotals")->toolTip().contains("sdk.Snapshotter"));
}

TEST(VoiceMeters, ResetButtonRequestsAReset) {
    VoiceMeters m;
    int requests = 0;
    QObject::connect(&m, &VoiceMeters::resetRequested, [&] { ++requests; });
    auto* reset = m.findChild<QPushButton*>("resetUnderruns");
    ASSERT_NE(reset, nullptr);
    reset->click();
    EXPECT_EQ(requests, 1);
}

TEST(VoiceMeters, WrapsUpTo128SlotsIntoRowsInsideTheWidget) {
    for (std::size_t n : {1u, 16u, 64u, 128u}) {
        VoiceMeters m;
        StudioSnapshot s = snapshotWith({});
        s.voiceSlots.assign(n, slot(SlotState::Active, 800));
        m.setSnapshot(s);
        const int width = 420;
        m.resize(width, m.heightForWidth(width));
        EXPECT_EQ(m.slotCount(), int(n));
        EXPECT_EQ(m.rowCount() > 1, n > 16) << n << " slots";
        QRect previous;
        for (int i = 0; i < m.slotCount(); ++i) {
            const QRect r = m.meterRect(i);
            EXPECT_TRUE(m.rect().contains(r)) << "slot " << i << " of " << n;
            EXPECT_FALSE(r.intersects(previous)) << "slot " << i << " of " << n;
            EXPECT_GE(r.width(), 8);
            previous = r;
        }
        if (n == 128) {
            EXPECT_GT(m.heightForWidth(200), m.heightForWidth(width));
        }
    }
}

TEST(VoiceMeters, RepaintsOnlyWhenSomethingShownChanged) {
    VoiceMeters m;
    m.resize(400, m.heightForWidth(400));
    m.show();
    StudioSnapshot s = snapshotWith({slot(SlotState::Active, 1000), slot(SlotState::Free, 0)});
    m.setSnapshot(s);
    settle();
    const int painted = m.paintCount();
    ASSERT_GT(painted, 0);
    for (int i = 0; i < 10; ++i) { // the same figures at a later time: nothing to redraw
        s.time += 1.0 / 30;
        m.setSnapshot(s);
        QApplication::processEvents();
    }
    EXPECT_EQ(m.paintCount(), painted);
    s.voiceSlots[0].fillFrames = 900;
    m.setSnapshot(s);
    QApplication::processEvents();
    EXPECT_GT(m.paintCount(), painted);
}

TEST(VoiceMeters, ShowsNoSlotsWithoutAVoice) {
    VoiceMeters m;
    m.setSnapshot(StudioSnapshot{});
    EXPECT_EQ(m.slotCount(), 0);
    EXPECT_TRUE(m.totalsText().contains("no voice"));
    EXPECT_EQ(m.slotAt(QPoint(5, 40)), -1);
}

} // namespace
} // namespace govox::ui
