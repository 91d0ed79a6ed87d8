// GoVoices.hpp - where the Go side of the voice benchmarks lives, and building its voices.
//
// The paths are compile definitions (see CMakeLists.txt): the SDK module (go-plugins, or
// $GOVOX_BENCH_SDK_DIR to try a changed copy), the govox-voicehost binary and the go tool.
// Voices are built with the engine's own build::buildVoice into a private temporary folder
// that is removed at exit.
//
// Threads: the benchmark's main thread.
#pragma once

#include "engine/host/VoiceHost.hpp"

#include <string>

namespace govox::bench {

const char* goSdkDir();      // the go-plugins folder, holding go.mod ($GOVOX_BENCH_SDK_DIR)
const char* goBinary();      // the go tool
const char* voiceHostPath(); // govox-voicehost

struct BuiltVoice {
    std::string library; // the .so, when the build worked
    std::string error;   // why not, with the compiler's output
};

// Builds go-plugins/<relativeDir> (for example "voices/pad") once per program run.
BuiltVoice buildGoVoice(const std::string& relativeDir);

// A live-mode host configuration for `library` in a region shaped by `region`.
host::VoiceHostConfig hostConfig(const std::string& name, const std::string& library,
                                 const shm::RegionConfig& region);

} // namespace govox::bench
