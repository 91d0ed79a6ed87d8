#pragma once

namespace govox::app {

// `govox play --voice DIR --watch`: plays a Go voice live through the chosen backend,
// takes MIDI, rebuilds and swaps it in whenever its source is saved, and prints each
// reload (with its timings) and each error. The hot-reload loop without the window.
int runPlayCommand(int argc, char** argv);

} // namespace govox::app
