#include "ReloadRig.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace govox::test {
namespace fs = std::filesystem;

namespace {

fs::path makeTempDir(const std::string& prefix) {
    std::string tmpl = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
    return fs::path(mkdtemp(tmpl.data()));
}

} // namespace

ReloadRig::ReloadRig(const std::string& voice) {
    dir_ = makeTempDir("govox-voice") / fs::path(voice).filename();
    buildDir_ = makeTempDir("govox-builds");
    fs::create_directories(dir_);
    for (const auto& e : fs::directory_iterator(fs::path(GOVOX_SDK_DIR) / voice))
        if (e.path().extension() == ".go" &&
            e.path().filename().string().find("_test") == std::string::npos)
            fs::copy_file(e.path(), dir_ / e.path().filename());
    audio::EngineConfig engineConfig;
    engineConfig.backend = backend::BackendKind::Null;
    engineConfig.fallback = false;
    startError_ = engine_.start(engineConfig);
    if (!startError_.empty()) return;
    tap_ = engine_.startTap(1 << 16);
    drainer_ = std::thread([this] { drain(); });
    session::VoiceSessionConfig config;
    config.voiceDir = dir_.string();
    config.sdkDir = GOVOX_SDK_DIR;
    config.hostBinary = GOVOX_VOICEHOST_PATH;
    config.buildDir = buildDir_.string();
    session_ = std::make_unique<session::VoiceSession>(engine_, config);
    startError_ = session_->start();
}

ReloadRig::~ReloadRig() {
    session_.reset();
    draining_ = false;
    if (drainer_.joinable()) drainer_.join();
    engine_.stop();
    std::error_code ec;
    fs::remove_all(dir_.parent_path(), ec);
    fs::remove_all(buildDir_, ec);
}

void ReloadRig::drain() {
    std::vector<float> buf(2 * 4096);
    while (draining_) {
        const std::uint32_t n = tap_->read(buf.data(), 4096);
        if (n > 0 && keep_) {
            std::lock_guard lock(captureMutex_);
            for (std::uint32_t i = 0; i < n; ++i) left_.push_back(buf[2 * i]);
        } else if (n == 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
}

void ReloadRig::saveByRename(const std::string& text) {
    const fs::path tmp = dir_ / ".main.go.swp";
    {
        std::ofstream(tmp) << text;
    }
    fs::rename(tmp, source());
}

void ReloadRig::saveInPlace(const std::string& text) {
    std::ofstream out(source(), std::ios::trunc);
    out << text;
}

std::string ReloadRig::sourceText() const {
    std::ifstream in(source());
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

session::SessionEvent ReloadRig::waitFor(std::initializer_list<session::SessionEventKind> kinds,
                                         std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        while (!pending_.empty()) {
            session::SessionEvent e = std::move(pending_.front());
            pending_.pop_front();
            for (auto k : kinds)
                if (e.kind == k) return e;
        }
        if (std::chrono::steady_clock::now() >= deadline) return {};
        for (session::SessionEvent& e : session_->poll()) {
            events_.push_back(e);
            pending_.push_back(std::move(e));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

void ReloadRig::play(double seconds) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) {
        for (session::SessionEvent& e : session_->poll()) {
            events_.push_back(e);
            pending_.push_back(std::move(e));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

std::vector<float> ReloadRig::captured() const {
    std::lock_guard lock(captureMutex_);
    return left_;
}

std::size_t ReloadRig::capturedFrames() const {
    std::lock_guard lock(captureMutex_);
    return left_.size();
}

std::uint64_t ReloadRig::underruns() const {
    return const_cast<audio::AudioEngine&>(engine_).mixer()->stats().underruns.load();
}

double zeroCrossingHz(const std::vector<float>& x, std::size_t from, std::size_t to) {
    double first = -1, last = -1;
    int crossings = 0;
    for (std::size_t i = std::max<std::size_t>(from, 1); i < std::min(to, x.size()); ++i) {
        if (x[i - 1] < 0 && x[i] >= 0) {
            const double t = double(i - 1) + double(-x[i - 1]) / double(x[i] - x[i - 1]);
            if (first < 0)
                first = t;
            else
                ++crossings;
            last = t;
        }
    }
    return crossings > 0 ? ReloadRig::kRate * crossings / (last - first) : 0.0;
}

float largestStep(const std::vector<float>& x, std::size_t from, std::size_t to) {
    float m = 0;
    for (std::size_t i = std::max<std::size_t>(from, 1); i < std::min(to, x.size()); ++i)
        m = std::max(m, std::fabs(x[i] - x[i - 1]));
    return m;
}

} // namespace govox::test
