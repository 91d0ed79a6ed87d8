// VoiceBuilder.hpp - builds a Go voice folder into a c-shared library with `go build`.
//
// Aims
// - `go build -buildmode=c-shared` in the voice's folder, into a unique file per build
//   (a running host keeps its library open while the next one is built), reusing Go's
//   own build cache so an unchanged voice rebuilds in well under a second.
// - A folder outside the SDK's module is built in a Go workspace (GOWORK) that uses the
//   installed SDK, so a user's voice needs no network and no replace directive; a
//   folder with no go.mod at all gets a minimal one.
// - Compiler errors come back as file, line, column and message.
//
// Threads: any non-real-time thread; blocks for the length of the build.
#pragma once

#include <atomic>
#include <string>
#include <vector>

namespace govox::build {

struct BuildRequest {
    std::string voiceDir;
    std::string outputDir; // where libraries go (created if missing)
    std::string sdkDir;    // the folder holding the SDK's go.mod (govox.dev/govox)
    std::string goBinary = "go";
    const std::atomic<bool>* cancel = nullptr; // set to abandon the build (a newer save)
};

struct CompileError {
    std::string file; // absolute path
    int line = 0;
    int column = 0;
    std::string message;
};

struct BuildResult {
    bool ok = false;
    std::string library;              // the built .so, when ok
    std::string output;               // everything the Go tool printed
    std::vector<CompileError> errors; // parsed from output
    std::string error;                // one line for the user, when not ok
    double seconds = 0.0;
    bool cancelled = false;
};

BuildResult buildVoice(const BuildRequest& request);

// "CGO_CFLAGS=..." for any go command that compiles the SDK in `sdkDir`: the user's flags
// (or Go's default) plus the checksum of engine/abi/govox_abi.h, because Go's build cache
// does not notice a change to a header outside the package's folder.
std::string cgoFlagsEnv(const std::string& sdkDir);

// Compiler messages in Go's "file:line:col: message" form; relative paths are taken
// from `dir`.
std::vector<CompileError> parseCompileErrors(const std::string& output, const std::string& dir);

} // namespace govox::build
