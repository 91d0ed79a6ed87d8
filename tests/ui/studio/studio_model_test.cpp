// The Studio's model parts over a real Go voice (null backend): the snapshot's underrun
// counts start from what "Reset" saw, the keys held from any thread show in it, the voice
// opened again keeps its parameter values (ParamCarry) while another voice does not, and a
// voice that cannot be built says why without touching the one that plays.
#include "tests/support/qt/QtTestApp.hpp"
#include "tests/support/studio/StudioRig.hpp"
#include "ui/studio/HeldKeys.hpp"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>

#include <csignal>
#include <thread>

namespace {

using govox::ui::test::waitUntil;

TEST(HeldKeys, KeysFromSeveralThreadsShowTogether) {
    govox::ui::HeldKeys keys;
    std::thread midi([&] {
        for (int n = 0; n < 128; n += 2) keys.set(n, true);
    });
    for (int n = 1; n < 128; n += 2) keys.set(n, true);
    midi.join();
    EXPECT_TRUE(keys.now().all());
    keys.set(64, false);
    keys.set(200, true); // not a key: ignored
    EXPECT_EQ(127u, keys.now().count());
    EXPECT_FALSE(keys.now().test(64));
    keys.clear();
    EXPECT_TRUE(keys.now().none());
}

TEST(StudioModel, UnderrunsCountFromTheLastResetAndKeysShowInTheSnapshot) {
    govox::test::StudioRig rig;
    ASSERT_TRUE(
        rig.open(rig.writeVoice("tone", R"({Name: "Level", Min: 0, Max: 1, Default: 0.5})")));
    govox::ui::Studio& studio = rig.studio();
    studio.noteOn(69, 100);
    ASSERT_TRUE(waitUntil([&] { return studio.snapshot().heldNotes.test(69); }, 2000));
    ASSERT_TRUE(waitUntil([&] { return studio.snapshot().peakLeft > 0.01f; }, 5000));
    // Freeze the host for 250 ms: its ring (1024 frames, 21 ms) runs dry.
    const pid_t host = studio.voiceHostPid();
    ASSERT_GT(host, 0);
    kill(host, SIGSTOP);
    QTest::qWait(250);
    kill(host, SIGCONT);
    ASSERT_TRUE(waitUntil([&] { return studio.snapshot().underruns >= 1; }, 3000));
    studio.resetUnderruns();
    QTest::qWait(150); // the next snapshots
    EXPECT_EQ(0u, studio.snapshot().underruns) << "Reset did not take";
    for (const auto& slot : studio.snapshot().voiceSlots) EXPECT_EQ(0u, slot.underruns);
    studio.noteOff(69);
    EXPECT_TRUE(waitUntil([&] { return !studio.snapshot().heldNotes.test(69); }, 2000));
}

TEST(StudioModel, TheSameVoiceOpenedAgainKeepsItsValuesAnotherStartsFromItsDefaults) {
    govox::test::StudioRig rig;
    const QString tone = rig.writeVoice("tone", R"({Name: "Level", Min: 0, Max: 1, Default: 0.5})");
    const QString other =
        rig.writeVoice("other", R"({Name: "Level", Min: 0, Max: 1, Default: 0.25})");
    ASSERT_TRUE(rig.open(tone));
    govox::ui::Studio& studio = rig.studio();
    ASSERT_TRUE(studio.setParam("Level", 0.8));
    ASSERT_TRUE(rig.open(tone)); // opened again
    EXPECT_NEAR(0.8, studio.paramValue("level"), 1e-6);
    ASSERT_TRUE(rig.open(other));
    EXPECT_NEAR(0.25, studio.paramValue("Level"), 1e-6) << "another voice took the values";
    EXPECT_EQ("other", studio.voiceName().toStdString());
}

TEST(StudioModel, AVoiceThatDoesNotBuildSaysWhyAndTheOnePlayingPlaysOn) {
    govox::test::StudioRig rig;
    const QString tone = rig.writeVoice("tone", R"({Name: "Level", Min: 0, Max: 1, Default: 0.5})");
    ASSERT_TRUE(rig.open(tone));
    govox::ui::Studio& studio = rig.studio();
    const QString broken = QDir(tone).filePath("../broken");
    QDir().mkpath(broken);
    QFile f(broken + "/main.go");
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("package main\n\nfunc main() { undefinedThing() }\n");
    f.close();
    QString why;
    QObject::connect(&studio, &govox::ui::Studio::voiceFailed,
                     [&](const QString&, const QString& m) { why = m; });
    studio.openVoice(broken);
    ASSERT_TRUE(waitUntil([&] { return !why.isEmpty(); }, 60000));
    EXPECT_TRUE(why.contains("undefinedThing")) << why.toStdString();
    EXPECT_EQ("tone", studio.voiceName().toStdString()) << "the playing voice was replaced";
    studio.noteOn(60, 100);
    EXPECT_TRUE(waitUntil([&] { return studio.snapshot().peakLeft > 0.01f; }, 5000)) << "silent";
}

} // namespace
