// StatusPanel: the stream line gives the latency of note-ons and of controls, which is the
// same one buffer for a voice with rollback and the ring behind it for one without.
#include "SyntheticStudio.hpp"
#include "ui/health/StatusPanel.hpp"

#include <gtest/gtest.h>

namespace govox::ui {
namespace {

using test::snapshotWith;

TEST(StatusPanel, ControlsTakeOneBufferWithRollbackAndTheRingWithout) {
    StatusPanel panel;
    StudioSnapshot s = snapshotWith({});
    s.backend = "JACK";
    s.device = "system";
    s.noteLatencyMs = 5.3;
    s.latencyMs = 26.7;
    panel.update(s);
    EXPECT_TRUE(panel.streamText().contains("latency: note-on and controls 5.3 ms"))
        << panel.streamText().toStdString();
    EXPECT_FALSE(panel.streamText().contains("26.7")) << panel.streamText().toStdString();

    s.ringLatency = true;
    panel.update(s);
    EXPECT_TRUE(panel.streamText().contains("note-on 5.3 ms, controls 26.7 ms"))
        << panel.streamText().toStdString();
    EXPECT_TRUE(panel.streamText().contains("no rollback")) << panel.streamText().toStdString();
}

TEST(StatusPanel, SaysWhenTheAudioHasStopped) {
    StatusPanel panel;
    StudioSnapshot s = snapshotWith({});
    s.running = false;
    panel.update(s);
    EXPECT_EQ(panel.streamText(), "Audio stopped");
}

} // namespace
} // namespace govox::ui
