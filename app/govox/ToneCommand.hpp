#pragma once

namespace govox::app {

// `govox tone`: plays a test tone through the engine without a window, printing the
// stream's figures once a second, or renders it to a WAV file with --out.
int runToneCommand(int argc, char** argv);

} // namespace govox::app
