// An offline render through voices that go wrong, written for it against the public SDK
// (go-plugins/internal/testvoices): stuck in NoteOn, in NoteOff, in a parameter change,
// producing NaN, panicking mid-render, and slow beyond the engine's block deadline. Each
// is reported naming the voice and the cause within a second, and the render leaves no
// file at its path (a file that was there is untouched).
#include "tests/support/voices/TestVoices.hpp"

#include "engine/render/OfflineRender.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace {

using govox::midi::TimedMessage;
using govox::render::OfflineRender;
using govox::render::OnVoiceFault;
using govox::render::RenderOutcome;
using namespace std::chrono_literals;

struct Fault {
    const char* name;  // test name
    const char* voice; // in go-plugins/internal/testvoices
    std::vector<TimedMessage> song;
    const char* paramToSet; // set to its maximum before the render, or ""
    const char* cause;      // in the message
    const char* stack;      // in the Go stack, or ""
};

std::string scratchPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("govox-fault-" + name + ".wav")).string();
}

std::string readAll(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), {}};
}

std::unique_ptr<OfflineRender> startRender(const std::string& voice, OnVoiceFault onFault,
                                           std::chrono::milliseconds deadline = 2000ms) {
    govox::host::HostProblem problem;
    auto r =
        OfflineRender::start({.voiceName = voice,
                              .library = govox::test::voiceLibrary("internal/testvoices/" + voice),
                              .hostBinary = GOVOX_VOICEHOST_PATH,
                              .maxTailSeconds = 2,
                              .onFault = onFault,
                              .blockDeadline = deadline},
                             problem);
    EXPECT_TRUE(r) << problem.message;
    return r;
}

void setToMaximum(OfflineRender& r, const std::string& name) {
    for (const auto& p : r.params())
        if (p.name == name) {
            ASSERT_TRUE(r.setParam(p.index, p.max));
            return;
        }
    FAIL() << "the voice has no parameter " << name;
}

void PrintTo(const Fault& f, std::ostream* os) {
    *os << f.name;
}

class OfflineFaults : public ::testing::TestWithParam<Fault> {};

TEST_P(OfflineFaults, AreReportedByNameAndCauseWithinASecondAndLeaveNoFile) {
    const Fault f = GetParam();
    const std::string path = scratchPath(f.name);
    {
        std::ofstream keep(path, std::ios::binary);
        keep << "a file the user had here";
    }
    auto render = startRender(f.voice, OnVoiceFault::Stop);
    ASSERT_TRUE(render);
    if (*f.paramToSet) setToMaximum(*render, f.paramToSet);
    const auto began = std::chrono::steady_clock::now();
    const RenderOutcome out = render->renderToWav({f.song, 1.0}, path);
    const auto took = std::chrono::steady_clock::now() - began;

    ASSERT_FALSE(out.ok()) << "the render went through";
    EXPECT_NE(std::string::npos, out.error.find("'" + std::string(f.voice) + "'")) << out.error;
    EXPECT_NE(std::string::npos, out.error.find(f.cause)) << out.error;
    if (*f.stack) {
        EXPECT_NE(std::string::npos, out.stack.find(f.stack)) << out.stack;
    }
    // The song reaches the fault within milliseconds of render time; the report follows
    // within a second of wall time.
    EXPECT_LT(took, 1s) << std::chrono::duration<double>(took).count() << " s";
    EXPECT_EQ("a file the user had here", readAll(path)) << "the failed render touched the file";
    for (const auto& entry :
         std::filesystem::directory_iterator(std::filesystem::path(path).parent_path()))
        EXPECT_EQ(std::string::npos, entry.path().filename().string().find(".partial-"))
            << "left behind: " << entry.path();
    std::filesystem::remove(path);
}

INSTANTIATE_TEST_SUITE_P(Render, OfflineFaults,
                         ::testing::Values(Fault{"StuckInNoteOn",
                                                 "stuckon",
                                                 {{0.1, 0x90, 60, 100}},
                                                 "",
                                                 "has been inside NoteOn for",
                                                 ""},
                                           Fault{"StuckInNoteOff",
                                                 "stuckoff",
                                                 {{0.1, 0x90, 64, 100}, {0.2, 0x80, 64, 0}},
                                                 "",
                                                 "has been inside NoteOff for",
                                                 ""},
                                           Fault{"StuckInAParameterChange",
                                                 "stuckparam",
                                                 {{0.1, 0x90, 64, 100}},
                                                 "Hang",
                                                 "has been inside ParamChanged for",
                                                 ""},
                                           Fault{"ProducingNaN",
                                                 "nanout",
                                                 {{0.1, 0x90, 64, 100}},
                                                 "",
                                                 "produced NaN or infinite samples at 0.349 s",
                                                 ""},
                                           Fault{"PanickingMidRender",
                                                 "panicmid",
                                                 {{0.1, 0x90, 64, 100}},
                                                 "",
                                                 "panic: panicmid: exploded after 0.5 s on purpose",
                                                 "main.(*voice).Render"}),
                         [](const auto& p) { return std::string(p.param.name); });

TEST(Render, AVoiceStuckInNoteOnNamesTheCallAndTheSlot) {
    auto render = startRender("stuckon", OnVoiceFault::Stop);
    ASSERT_TRUE(render);
    govox::render::StereoBuffer buffer;
    const RenderOutcome out = render->renderToMemory({{{0.0, 0x90, 60, 100}}, 0.5}, buffer);
    EXPECT_NE(std::string::npos, out.error.find("voice 'stuckon': slot 0 has been inside NoteOn"))
        << out.error;
}

TEST(Render, ANaNVoiceRendersOnWhenAskedWithTheFaultListedAndTheNoteSilenced) {
    const std::string path = scratchPath("nan-continue");
    auto render = startRender("nanout", OnVoiceFault::Continue);
    ASSERT_TRUE(render);
    const RenderOutcome out =
        render->renderToWav({{{0.1, 0x90, 64, 100}, {0.8, 0x80, 64, 0}}, 1.0}, path);
    ASSERT_TRUE(out.ok()) << out.error;
    ASSERT_EQ(1u, out.faults.size());
    EXPECT_NE(std::string::npos, out.faults[0].find("voice 'nanout' (slot 0) produced NaN"))
        << out.faults[0];
    EXPECT_TRUE(std::filesystem::exists(path));
    EXPECT_GE(out.frames, 48000u);
    std::filesystem::remove(path);
}

TEST(Render, AHostThatFallsBehindTheBlockDeadlineIsStoppedAndNamed) {
    // 150 ms per Render call: never stuck by the SDK's 300 ms rule, but a 128-frame block
    // may take at most 50 ms + 20x its 2.7 ms here.
    auto render = startRender("slowrender", OnVoiceFault::Stop, 50ms);
    ASSERT_TRUE(render);
    govox::render::StereoBuffer buffer;
    const auto began = std::chrono::steady_clock::now();
    const RenderOutcome out = render->renderToMemory({{{0.0, 0x90, 69, 100}}, 0.5}, buffer);
    EXPECT_LT(std::chrono::steady_clock::now() - began, 1s);
    EXPECT_NE(std::string::npos,
              out.error.find("voice 'slowrender' did not render up to 0.003 s within"))
        << out.error;
}

TEST(Render, RunsOnlyOnce) {
    auto render = startRender("stuckon", OnVoiceFault::Stop);
    ASSERT_TRUE(render);
    govox::render::StereoBuffer buffer;
    ASSERT_TRUE(
        render->renderToMemory({{{0.0, 0x90, 62, 100}, {0.05, 0x80, 62, 0}}, 0.1}, buffer).ok());
    EXPECT_FALSE(render->renderToMemory({{}, 0.1}, buffer).ok());
}

TEST(Render, AFileThatCannotBeWrittenIsNamedAndNothingIsLeft) {
    auto render = startRender("stuckon", OnVoiceFault::Stop);
    ASSERT_TRUE(render);
    const RenderOutcome out = render->renderToWav({{}, 0.1}, "/nonexistent-folder/song.wav");
    EXPECT_NE(std::string::npos, out.error.find("'/nonexistent-folder/song.wav'")) << out.error;
}

} // namespace
