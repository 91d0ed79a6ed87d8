// govox - entry point. With no command it opens the desktop window; commands run the
// engine headless (for machines without a display, scripts and tests).
#include "app/govox/GoToolchain.hpp"
#include "app/govox/GuiLaunch.hpp"
#include "app/govox/PlayCommand.hpp"
#include "app/govox/RenderCommand.hpp"
#include "app/govox/ToneCommand.hpp"

#include <cstdio>
#include <cstring>
#include <string>

namespace {

void printUsage() {
    std::printf(
        "Usage: govox [--help] [--version] [COMMAND [OPTIONS]]\n"
        "\n"
        "Without a command, opens the Govox window.\n"
        "\n"
        "Commands:\n"
        "  play    play a Go voice live, reloading it on save (govox play --help)\n"
        "  render  render a MIDI file through a Go voice into a WAV file (govox render --help)\n"
        "  tone    play a test tone through the engine, headless (govox tone --help)\n");
}

} // namespace

int main(int argc, char** argv) {
    govox::app::putGoOnPath(); // before any thread: it may change PATH
    const std::string first = argc > 1 ? argv[1] : "";
    if (first == "--version" || first == "-v") {
        std::printf("govox %s\n", GOVOX_VERSION);
        return 0;
    }
    if (first == "--help" || first == "-h") {
        printUsage();
        return 0;
    }
    if (first == "tone") return govox::app::runToneCommand(argc - 1, argv + 1);
    if (first == "play") return govox::app::runPlayCommand(argc - 1, argv + 1);
    if (first == "render") return govox::app::runRenderCommand(argc - 1, argv + 1);
    if (!first.empty() && first[0] != '-') {
        std::fprintf(stderr, "govox: unknown command '%s'\n\n", first.c_str());
        printUsage();
        return 2;
    }
    return govox::app::launchGui(argc, argv);
}
