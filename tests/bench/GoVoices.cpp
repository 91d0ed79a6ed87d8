#include "tests/bench/GoVoices.hpp"

#include "engine/build/VoiceBuilder.hpp"

#include <cstdlib>
#include <filesystem>
#include <map>

namespace govox::bench {
namespace {

// A temporary folder for built libraries, removed when the program ends.
class BuildFolder {
public:
    BuildFolder() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "govox-bench-XXXXXX").string();
        if (mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
    }
    ~BuildFolder() {
        std::error_code ec;
        if (!path_.empty()) std::filesystem::remove_all(path_, ec);
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

} // namespace

// GOVOX_BENCH_SDK_DIR points the benchmarks at another copy of go-plugins, to measure a
// change to the SDK or a voice before it is made.
const char* goSdkDir() {
    static const char* dir =
        std::getenv("GOVOX_BENCH_SDK_DIR") ? std::getenv("GOVOX_BENCH_SDK_DIR") : GOVOX_SDK_DIR;
    return dir;
}
const char* goBinary() {
    return GOVOX_GO_BINARY;
}
const char* voiceHostPath() {
    return GOVOX_VOICEHOST_PATH;
}

BuiltVoice buildGoVoice(const std::string& relativeDir) {
    static BuildFolder folder;
    static std::map<std::string, BuiltVoice> built;
    if (auto it = built.find(relativeDir); it != built.end()) return it->second;
    if (folder.path().empty()) return {{}, "cannot create a temporary build folder"};
    const build::BuildResult r =
        build::buildVoice({.voiceDir = std::string(goSdkDir()) + "/" + relativeDir,
                           .outputDir = folder.path(),
                           .sdkDir = goSdkDir(),
                           .goBinary = goBinary()});
    BuiltVoice v;
    if (r.ok)
        v.library = r.library;
    else
        v.error = "building " + relativeDir + ": " + r.error + "\n" + r.output;
    built[relativeDir] = v;
    return v;
}

host::VoiceHostConfig hostConfig(const std::string& name, const std::string& library,
                                 const shm::RegionConfig& region) {
    host::VoiceHostConfig c;
    c.name = name;
    c.library = library;
    c.hostBinary = voiceHostPath();
    c.region = region;
    return c;
}

} // namespace govox::bench
