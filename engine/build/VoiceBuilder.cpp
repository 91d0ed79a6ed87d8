#include "engine/build/VoiceBuilder.hpp"

#include "engine/build/ProcessRunner.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <unistd.h>

namespace govox::build {
namespace fs = std::filesystem;
namespace {

std::atomic<unsigned> buildCounter{0};

// The module root holding dir, or an empty path.
fs::path enclosingModule(fs::path dir) {
    for (; !dir.empty(); dir = dir.parent_path()) {
        if (fs::exists(dir / "go.mod")) return dir;
        if (dir == dir.root_path()) break;
    }
    return {};
}

bool isSdkModule(const fs::path& root) {
    std::ifstream in(root / "go.mod");
    std::string first;
    std::getline(in, first);
    return first.find("module govox.dev/govox") != std::string::npos &&
           first.find("govox.dev/govox/") == std::string::npos;
}

std::string writeFile(const fs::path& path, const std::string& text) {
    const fs::path tmp = path.string() + ".tmp";
    {
        std::ofstream out(tmp);
        out << text;
        if (!out.flush()) return "cannot write " + tmp.string();
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    return ec ? "cannot write " + path.string() + ": " + ec.message() : std::string{};
}

// Environment additions that make `go build` in dir find the SDK. Empty on error text.
std::string prepareModule(const BuildRequest& r, const fs::path& dir, const fs::path& out,
                          std::vector<std::string>& env) {
    fs::path root = enclosingModule(dir);
    if (!root.empty() && isSdkModule(root)) return {}; // an example voice inside the SDK
    if (root.empty()) {
        const std::string name = dir.filename().string();
        if (std::string e =
                writeFile(dir / "go.mod", "module govox.local/" + name +
                                              "\n\ngo 1.19\n\nrequire govox.dev/govox v0.0.0\n");
            !e.empty())
            return e;
        root = dir;
    }
    const fs::path work = out / ("go.work." + std::to_string(getpid()));
    if (std::string e = writeFile(work, "go 1.19\n\nuse (\n\t" + root.string() + "\n\t" +
                                            fs::absolute(r.sdkDir).string() + "\n)\n");
        !e.empty())
        return e;
    env.push_back("GOWORK=" + work.string());
    return {};
}

} // namespace

// Go's build cache keys a cgo package on its own files and flags, not on the headers it
// includes from elsewhere: after govox_abi.h changed (a new Govox), `go build` would link
// the SDK compiled against the old header, and the voice would be refused as built for
// another ABI version. With the header's checksum in the flags, a changed header makes a
// different build.
std::string cgoFlagsEnv(const std::string& sdkDir) {
    std::ifstream in(fs::path(sdkDir) / ".." / "engine" / "abi" / "govox_abi.h", std::ios::binary);
    std::uint64_t sum = 1469598103934665603ull; // FNV-1a, 64 bits
    for (char c; in.get(c);) sum = (sum ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    const char* user = std::getenv("CGO_CFLAGS");
    std::ostringstream flags;
    flags << "CGO_CFLAGS=" << (user != nullptr ? user : "-g -O2") << " -DGOVOX_ABI_HEADER_SUM=0x"
          << std::hex << sum;
    return flags.str();
}

std::vector<CompileError> parseCompileErrors(const std::string& output, const std::string& dir) {
    static const std::regex line(R"(^(.+?\.go):(\d+):(\d+): (.*)$)");
    std::vector<CompileError> errors;
    std::istringstream in(output);
    for (std::string text; std::getline(in, text);) {
        std::smatch m;
        if (!std::regex_match(text, m, line)) continue;
        fs::path file = m[1].str();
        if (file.is_relative()) file = fs::path(dir) / file;
        errors.push_back({file.lexically_normal().string(), std::stoi(m[2].str()),
                          std::stoi(m[3].str()), m[4].str()});
    }
    return errors;
}

BuildResult buildVoice(const BuildRequest& r) {
    BuildResult result;
    const auto started = std::chrono::steady_clock::now();
    std::error_code ec;
    const fs::path dir = fs::absolute(r.voiceDir, ec);
    if (ec || !fs::is_directory(dir)) {
        result.error = "voice folder " + r.voiceDir + " does not exist";
        return result;
    }
    const fs::path out = fs::absolute(r.outputDir);
    fs::create_directories(out, ec);
    if (ec) {
        result.error = "cannot create the build folder " + out.string() + ": " + ec.message();
        return result;
    }
    std::vector<std::string> env{"CGO_ENABLED=1", cgoFlagsEnv(r.sdkDir)};
    if (std::string e = prepareModule(r, dir, out, env); !e.empty()) {
        result.error = e;
        return result;
    }
    const fs::path library = out / (dir.filename().string() + "-" + std::to_string(getpid()) + "-" +
                                    std::to_string(++buildCounter) + ".so");
    const ProcessOutput run =
        runProcess({r.goBinary, "build", "-buildmode=c-shared", "-o", library.string(), "."},
                   dir.string(), env, r.cancel);
    fs::remove(library.string().substr(0, library.string().size() - 3) + ".h", ec); // cgo's header
    result.output = run.output;
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!run.started) {
        result.error = "cannot run " + r.goBinary + ": " + run.error +
                       " (install Go: apt-get install golang-go, or put go on PATH)";
        return result;
    }
    if (r.cancel && r.cancel->load()) {
        result.cancelled = true;
        result.error = "build cancelled";
        fs::remove(library, ec);
        return result;
    }
    if (run.exitCode != 0) {
        result.errors = parseCompileErrors(run.output, dir.string());
        result.error = result.errors.empty()
                           ? "go build failed: " + run.output.substr(0, run.output.find('\n'))
                           : result.errors.front().file + ":" +
                                 std::to_string(result.errors.front().line) + ":" +
                                 std::to_string(result.errors.front().column) + ": " +
                                 result.errors.front().message;
        fs::remove(library, ec);
        return result;
    }
    result.ok = true;
    result.library = library.string();
    return result;
}

} // namespace govox::build
