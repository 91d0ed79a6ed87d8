// GoToolchain.hpp - finds the Go toolchain that builds voices, and says how to get one.
//
// Aims
// - A window started from the desktop menu has the session's PATH, which often lacks
//   the folder a developer added in a shell profile (/usr/local/go/bin, the go.dev
//   tarball), and Debian's versioned packages (golang-1.19-go) install `go` off PATH.
//   Look in those well-known places too, so the app finds a Go that the shell finds.
// - The voice builder runs `go` from PATH (as do the go tool's own children), so the
//   found folder is put on this process's PATH once, at startup, before any thread.
// - No Go at all is a setup problem, not a build error: say what to install.
#pragma once

#include <string>

namespace govox::app {

// The go program: the first `go` on PATH, else GOROOT's, /usr/local/go's, /usr/lib/go's,
// else the newest /usr/lib/go-1.N's. Empty if there is none.
std::string findGoTool();

// If `go` is not on PATH but findGoTool() finds one, puts its folder first on PATH.
// Call from main() before any thread starts (it changes the environment).
void putGoOnPath();

// One paragraph for the user when findGoTool() is empty: why Go is needed, how to get it.
std::string missingGoAdvice();

} // namespace govox::app
