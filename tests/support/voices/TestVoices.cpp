#include "tests/support/voices/TestVoices.hpp"

#include "engine/build/VoiceBuilder.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>

namespace govox::test {
namespace {

std::string buildDir() {
    static const std::string dir = [] {
        std::string tmpl = (std::filesystem::temp_directory_path() / "govox-test-XXXXXX").string();
        const char* made = mkdtemp(tmpl.data());
        return std::string(made ? made : "/tmp");
    }();
    return dir;
}

} // namespace

std::string voiceLibrary(const std::string& relativeDir) {
    static std::map<std::string, std::string> built;
    if (auto it = built.find(relativeDir); it != built.end()) return it->second;
    const build::BuildResult r =
        build::buildVoice({.voiceDir = std::string(GOVOX_SDK_DIR) + "/" + relativeDir,
                           .outputDir = buildDir(),
                           .sdkDir = GOVOX_SDK_DIR});
    EXPECT_TRUE(r.ok) << r.error << "\n" << r.output;
    built[relativeDir] = r.library;
    return r.library;
}

host::VoiceHostConfig liveHostConfig(const std::string& name, const std::string& library,
                                     std::uint32_t voices) {
    host::VoiceHostConfig c;
    c.name = name;
    c.library = library;
    c.hostBinary = GOVOX_VOICEHOST_PATH;
    c.region = {.voiceCount = voices,
                .ringCapacityFrames = 4096,
                .ringTargetFrames = 1024,
                .sampleRate = 48000,
                .maxBlockFrames = 128};
    return c;
}

} // namespace govox::test
