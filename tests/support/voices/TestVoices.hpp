// TestVoices.hpp - builds the Go voices tests run (example voices and the fault voices in
// go-plugins/internal/testvoices) once per test program, into a temporary folder.
#pragma once

#include "engine/host/VoiceHost.hpp"

#include <string>

namespace govox::test {

// Path of the built library for go-plugins/<relativeDir>; fails the test if it does not build.
std::string voiceLibrary(const std::string& relativeDir);

// A live-mode host configuration for `library` at 48 kHz.
host::VoiceHostConfig liveHostConfig(const std::string& name, const std::string& library,
                                     std::uint32_t voices = 8);

} // namespace govox::test
