// reload_bench - how long a hot reload takes, as a user feels it: a held chord on the
// pad voice, a one-line edit saved `--reloads` times (default 20) with a warm Go build
// cache, and for each save the time until the new build is heard, split into the build
// and the swap (host start to crossfade done). Underruns and xruns are counted over the
// whole run. Usage: reload_bench [--reloads N] [--voice go-plugins-relative-dir]
#include "ReloadRig.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using govox::session::SessionEventKind;
using Clock = std::chrono::steady_clock;

namespace {

double percentile(std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p / 100.0 * double(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

} // namespace

int main(int argc, char** argv) {
    int reloads = 20;
    std::string voice = "voices/pad";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--reloads")) reloads = std::atoi(argv[i + 1]);
        if (!std::strcmp(argv[i], "--voice")) voice = argv[i + 1];
    }
    govox::test::ReloadRig rig(voice);
    if (!rig.startError().empty()) return std::fprintf(stderr, "%s\n", rig.startError().c_str()), 1;
    rig.keepAudio(false);
    for (int note : {57, 60, 64}) rig.session().noteOn(0, static_cast<std::uint8_t>(note), 100);
    const std::string original = rig.sourceText();
    // The edit: a line the voice's sound does not depend on, so every build differs.
    auto edit = [&](int i) { return original + "\n// reload " + std::to_string(i) + "\n"; };
    rig.saveByRename(edit(0)); // warm the build cache and the first swap
    if (rig.waitFor({SessionEventKind::Reloaded, SessionEventKind::ReloadFailed}).kind !=
        SessionEventKind::Reloaded)
        return std::fprintf(stderr, "the warm-up reload failed\n"), 1;
    rig.play(1.0);
    std::vector<double> total, buildMs, swapMs;
    const std::uint64_t underrunsBefore = rig.underruns();
    const std::uint64_t xrunsBefore = rig.engine().mixer()->stats().xruns.load();
    for (int i = 1; i <= reloads; ++i) {
        const Clock::time_point saved = Clock::now();
        rig.saveByRename(edit(i));
        const auto e = rig.waitFor({SessionEventKind::Reloaded, SessionEventKind::ReloadFailed});
        if (e.kind != SessionEventKind::Reloaded)
            return std::fprintf(stderr, "reload %d: %s\n", i, e.message.c_str()), 1;
        const double seenMs =
            std::chrono::duration<double, std::milli>(e.timings.changeSeen - saved).count();
        total.push_back(seenMs + e.timings.firstSampleMs);
        buildMs.push_back(e.timings.buildMs());
        swapMs.push_back(e.timings.crossfadeDoneMs - e.timings.buildDoneMs);
        std::printf(
            "reload %2d: save -> first sample %6.0f ms (watch %3.0f, debounce %3.0f, build %4.0f, "
            "host ready %3.0f, prefill %3.0f, crossfade done %3.0f)\n",
            i, total.back(), seenMs, e.timings.buildStartMs, buildMs.back(),
            e.timings.hostReadyMs - e.timings.buildDoneMs,
            e.timings.prefilledMs - e.timings.hostReadyMs,
            e.timings.crossfadeDoneMs - e.timings.firstSampleMs);
        rig.play(0.3);
    }
    const std::uint64_t underruns = rig.underruns() - underrunsBefore;
    const std::uint64_t xruns = rig.engine().mixer()->stats().xruns.load() - xrunsBefore;
    std::printf("\n%d reloads of '%s' with a held three-note chord:\n", reloads, voice.c_str());
    std::printf("  save -> first sample of the new build   p50 %6.0f ms   p95 %6.0f ms   (target "
                "p50 <= 1000 ms)\n",
                percentile(total, 50), percentile(total, 95));
    std::printf("  build (go build -buildmode=c-shared)     p50 %6.0f ms   p95 %6.0f ms\n",
                percentile(buildMs, 50), percentile(buildMs, 95));
    std::printf("  swap (host start -> crossfade done)      p50 %6.0f ms   p95 %6.0f ms   (target "
                "<= 50 ms)\n",
                percentile(swapMs, 50), percentile(swapMs, 95));
    std::printf("  underruns %llu, xruns %llu over the run   (target 0 and 0)\n",
                static_cast<unsigned long long>(underruns), static_cast<unsigned long long>(xruns));
    std::printf("  for comparison: Cmajor polls for changes every 1.5 s; FaustLive waits 2 s, then "
                "fades ~0.7 s\n");
    // An underrun is a ring the swap let run dry: Govox's fault, so the run fails. An xrun
    // is the audio thread itself waking late, which on a machine busy with other work
    // (CI compiling next door) says nothing about the reload; it is reported, not failed.
    return underruns == 0 ? 0 : 1;
}
