// The engine's quality hint, end to end: a VoiceSession playing real voice hosts on the
// null backend raises the hint to HIGH while a cheap voice has room, and lowers it to LOW
// when a voice cannot keep its ring filled, saying why (audio::QualityGovernor).
#include "ReloadRig.hpp"

#include <gtest/gtest.h>

#include <cstdio>

namespace {

using govox::session::SessionEventKind;
using govox::test::ReloadRig;

// The session's quality changes until one says `words` (a busy machine may show a step on
// the way), or the last one seen after 15 s.
std::string waitForQuality(ReloadRig& rig, const std::string& words) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    std::string said;
    while (std::chrono::steady_clock::now() < until) {
        const govox::session::SessionEvent e =
            rig.waitFor({SessionEventKind::Quality}, std::chrono::seconds(1));
        if (e.message.empty()) continue;
        said = e.message;
        std::printf("[ measured ] %s\n", said.c_str());
        if (said.find(words) != std::string::npos) break;
    }
    return said;
}

TEST(QualitySteering, ACheapVoiceWithRoomIsAskedForHighQuality) {
    ReloadRig rig("internal/testvoices/sine");
    ASSERT_EQ(rig.startError(), "");
    rig.session().noteOn(0, 69, 100);
    const std::string said = waitForQuality(rig, "quality high: headroom");
    EXPECT_NE(said.find("quality high: headroom"), std::string::npos) << said;
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
    // Its render time (150 ms per 2.7 ms of sound) or its ring, whichever is seen first.
    const std::string said = waitForQuality(rig, "quality low: ");
    EXPECT_NE(said.find("quality low: "), std::string::npos) << said;
    rig.play(1.0);
    EXPECT_EQ(rig.session().hostFigures().quality, GOVOX_QUALITY_LOW) << "it stays low";
}

} // namespace
