#include "OutputMonitor.hpp"

#include "tests/support/jack/JackTestClient.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>

namespace govox::soak {

OutputMonitor::OutputMonitor(const std::string& clientName) {
    client_ = backend::test::openTestClient(clientName, error_);
    if (!client_) return;
    rate_ = jack_get_sample_rate(client_);
    in_[0] = jack_port_register(client_, "in_l", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    in_[1] = jack_port_register(client_, "in_r", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    jack_on_shutdown(client_, &OutputMonitor::shutdown, this);
    if (!in_[0] || !in_[1])
        error_ = "cannot register audio ports";
    else if (jack_set_process_callback(client_, &OutputMonitor::process, this) != 0 ||
             jack_activate(client_) != 0)
        error_ = "cannot activate JACK client '" + clientName + "'";
}

OutputMonitor::~OutputMonitor() {
    if (client_) jack_client_close(client_);
}

std::vector<std::string> OutputMonitor::ports(const std::string& pattern, const char* type,
                                              unsigned long flags) const {
    return backend::test::findPorts(client_, pattern, type, flags);
}

std::string OutputMonitor::connect(const std::string& prefix) {
    const std::vector<std::string> names =
        ports("^" + prefix, JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput);
    if (names.size() < 2)
        return "Govox has no audio outputs named '" + prefix + "...' on the server";
    for (int c = 0; c < 2; ++c)
        if (const int r =
                jack_connect(client_, names[std::size_t(c)].c_str(), jack_port_name(in_[c]));
            r != 0 && r != EEXIST) // connected by an earlier attempt
            return "cannot connect " + names[std::size_t(c)] + " (" + std::to_string(r) + ")";
    return {};
}

void OutputMonitor::shutdown(void* self) {
    static_cast<OutputMonitor*>(self)->gone_ = true;
}

int OutputMonitor::process(jack_nframes_t frames, void* self) {
    auto* m = static_cast<OutputMonitor*>(self);
    float peak = 0;
    for (jack_port_t* port : m->in_) {
        const auto* x = static_cast<const float*>(jack_port_get_buffer(port, frames));
        for (jack_nframes_t i = 0; i < frames; ++i) peak = std::max(peak, std::fabs(x[i]));
    }
    const std::uint64_t end = m->frames_.load() + frames;
    if (m->resetGap_.exchange(false)) {
        m->gapStart_ = end - frames;
        m->longestGap_.store(0);
    }
    if (peak >= kLoud) {
        m->lastLoud_.store(end);
        m->lastLoudPeak_.store(peak);
    } else {
        const std::uint64_t run = end - std::max(m->lastLoud_.load(), m->gapStart_);
        if (run > m->longestGap_.load()) m->longestGap_.store(run);
    }
    m->frames_.store(end);
    return 0;
}

double OutputMonitor::silentSeconds() const {
    return double(frames_.load() - std::min(frames_.load(), lastLoud_.load())) / rate_;
}

double OutputMonitor::longestGapSeconds() const {
    return double(longestGap_.load()) / rate_;
}

} // namespace govox::soak
