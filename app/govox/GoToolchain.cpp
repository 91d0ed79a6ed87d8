#include "app/govox/GoToolchain.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace govox::app {
namespace fs = std::filesystem;
namespace {

bool isProgram(const fs::path& file) {
    std::error_code ec;
    return fs::is_regular_file(file, ec) && ::access(file.c_str(), X_OK) == 0;
}

std::string goOnPath() {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');)
        if (!dir.empty() && isProgram(fs::path(dir) / "go")) return (fs::path(dir) / "go").string();
    return {};
}

// Debian's versioned toolchains, /usr/lib/go-1.N/bin/go, newest first.
std::vector<fs::path> debianVersionedGos() {
    std::vector<std::pair<int, fs::path>> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("go-1.", 0) != 0) continue;
        found.emplace_back(std::atoi(name.c_str() + 5), entry.path() / "bin" / "go");
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<fs::path> gos;
    for (auto& [minor, go] : found) gos.push_back(std::move(go));
    return gos;
}

} // namespace

std::string findGoTool() {
    if (std::string go = goOnPath(); !go.empty()) return go;
    std::vector<fs::path> candidates;
    if (const char* root = std::getenv("GOROOT"); root && *root)
        candidates.push_back(fs::path(root) / "bin/go");
    candidates.push_back("/usr/local/go/bin/go");
    candidates.push_back("/usr/lib/go/bin/go");
    for (fs::path& go : debianVersionedGos()) candidates.push_back(std::move(go));
    for (const fs::path& go : candidates)
        if (isProgram(go)) return go.string();
    return {};
}

void putGoOnPath() {
    if (!goOnPath().empty()) return;
    const std::string go = findGoTool();
    if (go.empty()) return;
    const char* path = std::getenv("PATH");
    const std::string dir = fs::path(go).parent_path().string();
    ::setenv("PATH", (path && *path ? dir + ":" + path : dir).c_str(), 1);
}

std::string missingGoAdvice() {
    return "Govox builds voices with the Go toolchain (go 1.19 or newer, with a C compiler "
           "for cgo), and none was found: no \"go\" on PATH, in /usr/local/go/bin or in "
           "/usr/lib/go*/bin.\n"
           "Install it with:\n"
           "    sudo apt install golang-go gcc\n"
           "or put the folder holding \"go\" on PATH.";
}

} // namespace govox::app
