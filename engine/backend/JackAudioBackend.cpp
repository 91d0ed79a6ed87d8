#include "engine/backend/JackAudioBackend.hpp"

#include "engine/rt/RealtimeAttributes.hpp"

#include <jack/jack.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <thread>

namespace govox::backend {

// Shared with JACK's threads. When the server dies it is left alive with the client (see
// stop()), so a JACK thread that still holds it never reads freed memory.
struct JackAudioBackend::Stream {
    jack_client_t* client = nullptr;
    jack_port_t* ports[2] = {nullptr, nullptr};
    rt::AudioCallback* callback = nullptr;
    std::uint32_t frames = 0; // the buffer size the engine was opened with
    std::uint32_t rate = 0;
    // stop() sets `stopping` and then waits while `inCycle`; process() sets `inCycle`
    // and then reads `stopping`. Both sequentially consistent, so one of the two sees the
    // other: no render() starts after stop() has seen no cycle running.
    std::atomic<bool> stopping{false};
    std::atomic<bool> inCycle{false};
    std::atomic<bool> serverGone{false};
    std::atomic<std::uint32_t> newFrames{0}; // a buffer size JACK changed to, 0 if none
    std::atomic<std::uint32_t> newRate{0};   // a rate JACK changed to, 0 if none
    char reason[200] = {};                   // the server's words, written before serverGone
};

namespace {

using Stream = JackAudioBackend::Stream;

constexpr const char* kNoServer = "JACK: no server running (start jackd or pick another backend)";

// JACK's process thread. libjack's port-buffer lookup only reads shared memory; the
// analysis cannot see into libjack, and RealtimeSanitizer checks it at run time.
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wfunction-effects"
#endif
int process(jack_nframes_t frames, void* user) noexcept GOVOX_NONBLOCKING {
    auto& s = *static_cast<Stream*>(user);
    auto* left = static_cast<float*>(jack_port_get_buffer(s.ports[0], frames));
    auto* right = static_cast<float*>(jack_port_get_buffer(s.ports[1], frames));
    if (left == nullptr || right == nullptr) return 0;
    s.inCycle.store(true, std::memory_order_seq_cst);
    // A block of another size than the engine was opened with is never rendered: the
    // control thread reopens the stream (running() is false by now).
    if (!s.stopping.load(std::memory_order_seq_cst) && frames == s.frames) {
        s.callback->cycleFrame(jack_last_frame_time(s.client));
        s.callback->render(left, right, frames);
    } else {
        std::fill(left, left + frames, 0.0f);
        std::fill(right, right + frames, 0.0f);
    }
    s.inCycle.store(false, std::memory_order_release);
    return 0;
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

// JACK's notification thread: an xrun anywhere in the graph.
int onXrun(void* user) noexcept {
    auto& s = *static_cast<Stream*>(user);
    if (!s.stopping.load(std::memory_order_acquire)) s.callback->xrun();
    return 0;
}

int onBufferSize(jack_nframes_t frames, void* user) noexcept {
    auto& s = *static_cast<Stream*>(user);
    if (frames != s.frames) s.newFrames.store(frames, std::memory_order_release);
    return 0;
}

int onSampleRate(jack_nframes_t rate, void* user) noexcept {
    auto& s = *static_cast<Stream*>(user);
    if (rate != s.rate) s.newRate.store(rate, std::memory_order_release);
    return 0;
}

// A JACK thread, as the server goes away: keep its words and raise the flag; the control
// thread finds it through running().
void onShutdown(jack_status_t, const char* reason, void* user) noexcept {
    auto& s = *static_cast<Stream*>(user);
    std::snprintf(s.reason, sizeof s.reason, "%s", reason != nullptr ? reason : "");
    s.serverGone.store(true, std::memory_order_release);
}

jack_client_t* openClient(const std::string& name, std::string& error) {
    jack_status_t status{};
    jack_client_t* client = jack_client_open(name.c_str(), JackNoStartServer, &status);
    if (client != nullptr) return client;
    if ((status & JackServerFailed) != 0) {
        error = kNoServer;
    } else if ((status & JackNameNotUnique) != 0) {
        error = "JACK: a client named '" + name + "' already exists";
    } else {
        char hex[16];
        std::snprintf(hex, sizeof hex, "0x%x", unsigned(status));
        error = std::string("JACK: the server refused a client (status ") + hex + ")";
    }
    return nullptr;
}

// Audio input ports of other clients, grouped by client in the server's order. A client
// with two or more can take our stereo pair.
struct Sink {
    std::string client;
    std::vector<std::string> ports;
    bool physical = false;
};

std::vector<Sink> stereoSinks(jack_client_t* self) {
    std::vector<Sink> sinks;
    const char** names = jack_get_ports(self, nullptr, JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput);
    if (names == nullptr) return sinks;
    for (const char** p = names; *p != nullptr; ++p) {
        const jack_port_t* port = jack_port_by_name(self, *p);
        if (port == nullptr || jack_port_is_mine(self, port)) continue;
        const std::string full = *p;
        const std::string client = full.substr(0, full.find(':'));
        auto it = std::find_if(sinks.begin(), sinks.end(),
                               [&](const Sink& s) { return s.client == client; });
        if (it == sinks.end()) it = sinks.insert(sinks.end(), Sink{client, {}, false});
        it->ports.push_back(full);
        if ((jack_port_flags(port) & JackPortIsPhysical) != 0) it->physical = true;
    }
    jack_free(names);
    sinks.erase(std::remove_if(sinks.begin(), sinks.end(),
                               [](const Sink& s) { return s.ports.size() < 2; }),
                sinks.end());
    // The sound card first: it is the default output. (Not std::stable_partition: its
    // temporary buffer is deprecated API that clang warns about in libstdc++ 12.)
    std::vector<Sink> ordered;
    for (bool physical : {true, false})
        for (Sink& s : sinks)
            if (s.physical == physical) ordered.push_back(std::move(s));
    return ordered;
}

std::string namesOf(const std::vector<Sink>& sinks) {
    std::string names;
    for (const Sink& s : sinks) names += (names.empty() ? "'" : ", '") + s.client + "'";
    return names.empty() ? "none" : names;
}

// Closes a client that start() could not finish opening.
std::string abandon(Stream& s, const std::string& error) {
    jack_client_close(s.client);
    s.client = nullptr;
    return error;
}

} // namespace

JackAudioBackend::JackAudioBackend() = default;

JackAudioBackend::~JackAudioBackend() {
    stop();
}

std::string JackAudioBackend::start(const StreamRequest& request, rt::AudioCallback& callback) {
    if (stream_) return "JACK: already running; stop it first";
    if (request.sampleRate == 0) return "JACK: the sample rate must be above 0 Hz";
    failure_.clear();
    auto s = std::make_unique<Stream>();
    std::string error;
    s->client = openClient(request.clientName, error);
    if (s->client == nullptr) return error;
    s->callback = &callback;
    s->rate = jack_get_sample_rate(s->client);
    s->frames = jack_get_buffer_size(s->client);
    if (s->rate != request.sampleRate)
        return abandon(*s, "JACK: the server runs at " + std::to_string(s->rate) + " Hz, not the " +
                               std::to_string(request.sampleRate) +
                               " Hz asked for (restart jackd with -r " +
                               std::to_string(request.sampleRate) + " or ask for " +
                               std::to_string(s->rate) + ")");

    const std::vector<Sink> sinks = stereoSinks(s->client);
    const Sink* sink = sinks.empty() ? nullptr : &sinks.front();
    if (!request.device.empty()) {
        sink = nullptr;
        for (const Sink& k : sinks)
            if (k.client == request.device) sink = &k;
        if (sink == nullptr)
            return abandon(*s, "JACK: no output device named '" + request.device +
                                   "'; available: " + namesOf(sinks));
    }
    if (sink == nullptr && request.connectOutputs)
        return abandon(*s, "JACK: no device can play stereo");

    s->ports[0] = jack_port_register(s->client, "out_left", JACK_DEFAULT_AUDIO_TYPE,
                                     JackPortIsOutput | JackPortIsTerminal, 0);
    s->ports[1] = jack_port_register(s->client, "out_right", JACK_DEFAULT_AUDIO_TYPE,
                                     JackPortIsOutput | JackPortIsTerminal, 0);
    if (s->ports[0] == nullptr || s->ports[1] == nullptr)
        return abandon(*s, "JACK: cannot register the output ports");
    if (jack_set_process_callback(s->client, &process, s.get()) != 0 ||
        jack_set_xrun_callback(s->client, &onXrun, s.get()) != 0 ||
        jack_set_buffer_size_callback(s->client, &onBufferSize, s.get()) != 0 ||
        jack_set_sample_rate_callback(s->client, &onSampleRate, s.get()) != 0)
        return abandon(*s, "JACK: cannot set the client's callbacks");
    jack_on_info_shutdown(s->client, &onShutdown, s.get());
    if (jack_activate(s->client) != 0) return abandon(*s, "JACK: cannot activate the client");

    info_ = StreamInfo{};
    info_.backend = backendName(BackendKind::Jack);
    info_.device = sink != nullptr ? sink->client : std::string();
    info_.sampleRate = s->rate;
    info_.bufferFrames = s->frames;
    if (sink != nullptr && request.connectOutputs) {
        for (int i = 0; i < 2; ++i) {
            const int rc = jack_connect(s->client, jack_port_name(s->ports[i]),
                                        sink->ports[std::size_t(i)].c_str());
            if (rc != 0 && rc != EEXIST) {
                jack_deactivate(s->client);
                return abandon(*s, "JACK: cannot connect to '" + sink->ports[std::size_t(i)] +
                                       "' (jack_connect: " + std::to_string(rc) + ")");
            }
        }
        // What the device adds after our buffer, as JACK reports it for its port.
        jack_latency_range_t range{0, 0};
        if (jack_port_t* port = jack_port_by_name(s->client, sink->ports[0].c_str()))
            jack_port_get_latency_range(port, JackPlaybackLatency, &range);
        info_.outputLatencyFrames = range.min;
    }
    stream_ = std::move(s);
    return {};
}

void JackAudioBackend::stop() {
    if (!stream_) return;
    failure_ = lastError();
    Stream& s = *stream_;
    s.stopping.store(true, std::memory_order_seq_cst);
    if (!s.serverGone.load(std::memory_order_acquire)) {
        // Deactivation returns once the server has taken the client out of its graph,
        // so no cycle runs after it; close then frees the client and its ports.
        jack_deactivate(s.client);
        jack_client_close(s.client);
        stream_.reset();
        return;
    }
    // A dead server: a cycle that was running when it died may still be inside render().
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (s.inCycle.load(std::memory_order_seq_cst) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    // jack_client_close on a dead server's client crashed libjack (jack2 1.9.21) now and
    // then; its threads end with the server. What is left behind is this small struct and
    // the client, once per server death; `stopping` keeps the callback from being called.
    static_cast<void>(stream_.release());
}

bool JackAudioBackend::running() const {
    return stream_ && !stream_->serverGone.load(std::memory_order_acquire) &&
           stream_->newFrames.load(std::memory_order_acquire) == 0 &&
           stream_->newRate.load(std::memory_order_acquire) == 0;
}

StreamInfo JackAudioBackend::info() const {
    return info_;
}

std::string JackAudioBackend::lastError() const {
    if (!stream_) return failure_;
    const Stream& s = *stream_;
    if (s.serverGone.load(std::memory_order_acquire))
        return s.reason[0] != '\0'
                   ? std::string("JACK: the server shut the client down (") + s.reason + ")"
                   : std::string("JACK: the server shut the client down");
    if (const std::uint32_t frames = s.newFrames.load(std::memory_order_acquire); frames != 0)
        return "JACK: the buffer size changed from " + std::to_string(s.frames) + " to " +
               std::to_string(frames) + " frames";
    if (const std::uint32_t rate = s.newRate.load(std::memory_order_acquire); rate != 0)
        return "JACK: the sample rate changed from " + std::to_string(s.rate) + " to " +
               std::to_string(rate) + " Hz";
    return {};
}

std::vector<DeviceInfo> JackAudioBackend::listOutputs(std::string& error) {
    error.clear();
    jack_client_t* probe = openClient("Govox probe", error);
    if (probe == nullptr) return {};
    const std::uint32_t rate = jack_get_sample_rate(probe);
    std::vector<DeviceInfo> list;
    for (const Sink& s : stereoSinks(probe))
        list.push_back(DeviceInfo{s.client, list.empty(), {rate}});
    jack_client_close(probe);
    if (list.empty()) error = "JACK: no device can play stereo";
    return list;
}

} // namespace govox::backend
