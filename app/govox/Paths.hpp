// Paths.hpp - where Govox finds its parts: next to the executable in a build tree, or in
// the installed locations. No environment variable is needed; GOVOX_SDK_DIR and
// GOVOX_VOICEHOST override for unusual layouts.
#pragma once

#include <string>

namespace govox::app {

std::string executableDir();
std::string voiceHostBinary();
// The folder with the SDK's go.mod (module govox.dev/govox), or empty if none is found.
std::string sdkDir();
// Where built voice libraries go: $XDG_CACHE_HOME/govox/builds (or ~/.cache/...).
std::string buildCacheDir();

} // namespace govox::app
