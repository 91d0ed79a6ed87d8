// Paths.hpp - where Govox finds its parts. No environment variable is needed:
// - installed: relative to the executable, <prefix>/bin/govox finds
//   <prefix>/lib/govox/govox-voicehost and <prefix>/share/govox/go-plugins (the folders
//   come from cmake/GovoxInstallDirs.cmake, so any prefix works, not only /usr);
// - a build tree: the voice host beside the executable, the SDK in the source tree's
//   go-plugins/ above it.
// GOVOX_VOICEHOST and GOVOX_SDK_DIR override both for unusual layouts.
#pragma once

#include <string>

namespace govox::app {

std::string executableDir();
// The voice host program. Returns the installed location even if it is missing, so that
// the error names the file that should be there.
std::string voiceHostBinary();
// The folder with the SDK's go.mod (module govox.dev/govox), or empty if none is found.
// Installed, it is read-only: builds write only to buildCacheDir() and Go's own cache.
std::string sdkDir();
// Where built voice libraries go: $XDG_CACHE_HOME/govox/builds (or ~/.cache/...).
std::string buildCacheDir();

} // namespace govox::app
