#include "app/govox/Paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace govox::app {
namespace fs = std::filesystem;
namespace {

std::string envOr(const char* name, const std::string& fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::string(v) : fallback;
}

bool isSdk(const fs::path& dir) {
    std::ifstream in(dir / "go.mod");
    std::string first;
    return std::getline(in, first) && first == "module govox.dev/govox";
}

// <prefix>/bin/../<relative>, for the installed layout.
fs::path installed(const char* relativeToBin) {
    return (fs::path(executableDir()) / relativeToBin).lexically_normal();
}

} // namespace

std::string executableDir() {
    std::error_code ec;
    return fs::read_symlink("/proc/self/exe", ec).parent_path().string();
}

std::string voiceHostBinary() {
    if (const char* v = std::getenv("GOVOX_VOICEHOST"); v && *v) return v;
    // A build tree: both programs are built into build/<preset>/app/.
    const fs::path beside = fs::path(executableDir()) / "govox-voicehost";
    if (fs::exists(beside)) return beside.string();
    return (installed(GOVOX_BIN_TO_HOSTDIR) / "govox-voicehost").string();
}

std::string sdkDir() {
    if (const char* v = std::getenv("GOVOX_SDK_DIR"); v && *v) return v;
    if (const fs::path sdk = installed(GOVOX_BIN_TO_DATADIR) / "go-plugins"; isSdk(sdk))
        return sdk.string();
    // A build tree: build/<preset>/app/govox, the SDK in go-plugins/ at the top.
    for (fs::path d = executableDir(); !d.empty() && d != d.root_path(); d = d.parent_path())
        if (isSdk(d / "go-plugins")) return (d / "go-plugins").string();
    return {};
}

std::string buildCacheDir() {
    const std::string home = envOr("HOME", "/tmp");
    return envOr("XDG_CACHE_HOME", home + "/.cache") + "/govox/builds";
}

} // namespace govox::app
