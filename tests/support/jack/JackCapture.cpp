#include "tests/support/jack/JackCapture.hpp"

#include "tests/support/jack/JackTestClient.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <thread>

namespace govox::backend::test {

JackCapture::JackCapture(const std::string& clientName, std::size_t frames)
    : left_(frames, 0.0f), right_(frames, 0.0f) {
    client_ = openTestClient(clientName, error_);
    if (client_ == nullptr) return;
    const char* names[2] = {"in_l", "in_r"};
    for (int i = 0; i < 2; ++i) {
        ports_[i] =
            jack_port_register(client_, names[i], JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
        if (ports_[i] == nullptr) error_ = std::string("cannot register port ") + names[i];
    }
    if (error_.empty() && (jack_set_process_callback(client_, &JackCapture::process, this) != 0 ||
                           jack_set_xrun_callback(client_, &JackCapture::onXrun, this) != 0 ||
                           jack_activate(client_) != 0))
        error_ = "cannot activate the capture client";
}

JackCapture::~JackCapture() {
    if (client_ == nullptr) return;
    jack_deactivate(client_);
    jack_client_close(client_);
}

std::string JackCapture::connectFrom(const std::string& client) {
    if (!error_.empty()) return error_;
    const std::string pattern = "^" + client + ":";
    const std::vector<std::string> names =
        findPorts(client_, pattern, JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput);
    if (names.size() != 2)
        return "expected 2 output ports of client '" + client + "', found " +
               std::to_string(names.size());
    for (int i = 0; i < 2; ++i) {
        const int rc = jack_connect(client_, names[i].c_str(), jack_port_name(ports_[i]));
        if (rc != 0) return "cannot connect " + names[i] + " (" + std::to_string(rc) + ")";
    }
    return {};
}

bool JackCapture::waitFrames(std::size_t frames, std::chrono::milliseconds limit) const {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (recorded_.load(std::memory_order_acquire) < std::min(frames, left_.size())) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

int JackCapture::process(jack_nframes_t frames, void* self) noexcept {
    auto& c = *static_cast<JackCapture*>(self);
    if (!c.armed_.load(std::memory_order_acquire)) return 0;
    const std::size_t at = c.recorded_.load(std::memory_order_relaxed);
    const std::size_t n = std::min<std::size_t>(frames, c.left_.size() - at);
    if (n == 0) return 0;
    const auto* l = static_cast<const float*>(jack_port_get_buffer(c.ports_[0], frames));
    const auto* r = static_cast<const float*>(jack_port_get_buffer(c.ports_[1], frames));
    std::memcpy(c.left_.data() + at, l, n * sizeof(float));
    std::memcpy(c.right_.data() + at, r, n * sizeof(float));
    c.recorded_.store(at + n, std::memory_order_release);
    return 0;
}

int JackCapture::onXrun(void* self) noexcept {
    auto& c = *static_cast<JackCapture*>(self);
    const std::uint64_t n = c.xruns_.fetch_add(1);
    if (n < kXrunLog) c.xrunFrames_[n] = c.recorded_.load(std::memory_order_relaxed);
    return 0;
}

} // namespace govox::backend::test
