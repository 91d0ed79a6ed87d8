// govox_soak - Govox kept playing for minutes while it is edited, loaded and broken
// (issue 7; results in docs/reliability.md).
//
// The app runs as a user runs it (the main window, offscreen, over a Studio) through a
// private jackd (dummy driver, 48 kHz, 128 frames), played by a JACK MIDI keyboard and
// listened to by a JACK client. In order:
//   soak   the sequence (up to 32 voices) and a save every 5 s for --seconds/--minutes
//   load   stress-ng on both cores while 16 notes play
//   host   the voice host killed, stopped, stuck in Render, its ring indices scribbled on
//   midi   the keyboard's port vanishing and returning, a 10,000 events/s flood, junk
//   jack   the JACK server killed and started again (Govox's MIDI through ALSA)
//   jack-midi  the same with MIDI through JACK
// Every check prints as it is made; the figures and the fault table follow as Markdown.
// Exit status 0 when every check passed.
//
// Usage: govox_soak [--minutes N | --seconds N] [--load-seconds N] [--flood-seconds N]
//                   [--phases soak,load,host,midi,jack,jack-midi]
// CTest runs `--seconds 60` (label soak); the full run is `--minutes 10`.
#include "Phases.hpp"
#include "Waiting.hpp"

#include <QApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

struct Options {
    double soakSeconds = 600;
    double loadSeconds = -1; // default: a tenth of the soak, 10 to 60 s
    double floodSeconds = 3;
    std::string phases = "soak,load,host,midi,jack,jack-midi";
};

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const bool hasValue = i + 1 < argc;
        if (a == "--minutes" && hasValue)
            o.soakSeconds = 60 * std::atof(argv[++i]);
        else if (a == "--seconds" && hasValue)
            o.soakSeconds = std::atof(argv[++i]);
        else if (a == "--load-seconds" && hasValue)
            o.loadSeconds = std::atof(argv[++i]);
        else if (a == "--flood-seconds" && hasValue)
            o.floodSeconds = std::atof(argv[++i]);
        else if (a == "--phases" && hasValue)
            o.phases = argv[++i];
        else
            return false;
    }
    if (o.loadSeconds < 0) o.loadSeconds = std::clamp(o.soakSeconds / 10, 10.0, 60.0);
    return o.soakSeconds > 0 && o.loadSeconds > 0 && o.floodSeconds > 0;
}

bool wanted(const Options& o, const char* phase) {
    return ("," + o.phases + ",").find("," + std::string(phase) + ",") != std::string::npos;
}

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr,
                     "usage: %s [--minutes N | --seconds N] [--load-seconds N] [--flood-seconds N] "
                     "[--phases soak,load,host,midi,jack,jack-midi]\n",
                     argv[0]);
        return 2;
    }
    // When JACK dies the app falls back to the next backend: make that the silent null
    // output, never a desktop's PulseAudio or PipeWire (the soak must not play aloud).
    setenv("PULSE_SERVER", "unix:/nonexistent/govox-soak", 1);
    setenv("PIPEWIRE_REMOTE", "/nonexistent/govox-soak", 1);
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication qt(argc, argv);
    govox::soak::now(); // the run's clock starts here
    const govox::soak::OtherLoad others;
    govox::soak::Report r;
    {
        QTemporaryDir work;
        govox::soak::SoakRig rig(work.path().toStdString(), r);
        const std::string started = rig.start();
        if (r.check(started.empty(), "Govox plays through the private JACK server", started)) {
            if (wanted(o, "soak")) govox::soak::runSoak(rig, o.soakSeconds);
            if (wanted(o, "load")) govox::soak::runLoad(rig, o.loadSeconds);
            if (wanted(o, "host")) govox::soak::runHostFaults(rig);
            if (wanted(o, "midi")) govox::soak::runMidiFaults(rig, o.floodSeconds);
            if (wanted(o, "jack")) govox::soak::runJackFault(rig, false);
            if (wanted(o, "jack-midi")) govox::soak::runJackFault(rig, true);
        }
    }
    r.figure("whole run", govox::soak::fixed(govox::soak::now(), 0) + " s; other work took " +
                              govox::soak::fixed(others.percent(), 0) +
                              " % of the machine meanwhile");
    r.print();
    return r.passed() ? 0 : 1;
}
