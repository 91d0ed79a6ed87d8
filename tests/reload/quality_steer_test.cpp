// The engine's quality hint, end to end: a VoiceSession playing real voice hosts on the
// null backend raises the hint to HIGH while a cheap voice has room, and lowers it to LOW
// when a voice cannot keep its ring filled, saying why (audio::QualityGovernor).
#include "ReloadRig.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace {

using govox::session::SessionEventKind;
using govox::test::ReloadRig;

TEST(QualitySteering, ACheapVoiceWithRoomIsAskedForHighQuality) {
    ReloadRig rig("internal/testvoices/sine");
    ASSERT_EQ(rig.startError(), "");
    rig.session().noteOn(0, 69, 100);
    const govox::session::SessionEvent e =
        rig.waitFor({SessionEventKind::Quality}, std::chrono::seconds(10));
    std::printf("[ measured ] %s\n", e.message.c_str());
    EXPECT_NE(e.message.find("quality high: headroom"), std::string::npos) << e.message;
    EXPECT_EQ(rig.session().hostFigures().quality, GOVOX_QUALITY_HIGH);
    rig.play(1.0);
    EXPECT_EQ(rig.session().hostFigures().quality, GOVOX_QUALITY_HIGH) << "no flapping";
    EXPECT_EQ(rig.underruns(), 0u);
}

// slowrender sleeps 150 ms in every 128-frame render: it cannot keep up, its ring runs dry.
TEST(QualitySteering, AVoiceThatCannotKeepItsRingFilledIsAskedForLowQuality) {
    ReloadRig rig("internal/testvoices/slowrender");
    ASSERT_EQ(rig.startError(), "");
    rig.session().noteOn(0, 69, 100);
    const govox::session::SessionEvent e =
        rig.waitFor({SessionEventKind::Quality}, std::chrono::seconds(10));
    std::printf("[ measured ] %s\n", e.message.c_str());
    // Its render time (150 ms per 2.7 ms of sound) or its ring, whichever is seen first.
    EXPECT_NE(e.message.find("quality low: "), std::string::npos) << e.message;
    rig.play(1.0);
    EXPECT_EQ(rig.session().hostFigures().quality, GOVOX_QUALITY_LOW) << "it stays low";
}

} // namespace
