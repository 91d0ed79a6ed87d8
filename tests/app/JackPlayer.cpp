#include "JackPlayer.hpp"

#include <jack/midiport.h>

#include <chrono>
#include <cstring>
#include <thread>

namespace govox::test {

JackPlayer::JackPlayer(const std::string& clientName, std::size_t recordFrames)
    : left_(recordFrames), right_(recordFrames) {
    jack_status_t status{};
    client_ = jack_client_open(clientName.c_str(), JackNoStartServer, &status);
    if (!client_) {
        error_ = "cannot open JACK client " + clientName;
        return;
    }
    midiOut_ = jack_port_register(client_, "midi_out", JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput, 0);
    in_[0] = jack_port_register(client_, "in_l", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    in_[1] = jack_port_register(client_, "in_r", JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput, 0);
    jack_set_process_callback(client_, &JackPlayer::process, this);
    jack_set_xrun_callback(client_, &JackPlayer::onXrun, this);
    if (!midiOut_ || !in_[0] || !in_[1] || jack_activate(client_) != 0)
        error_ = "cannot activate the JACK client";
}

JackPlayer::~JackPlayer() {
    if (client_) {
        jack_deactivate(client_);
        jack_client_close(client_);
    }
}

std::string JackPlayer::connect(const std::string& midiPrefix, const std::string& audioPrefix) {
    auto find = [&](const char* type, unsigned long flags, const std::string& prefix) {
        std::vector<std::string> names;
        if (const char** ports = jack_get_ports(client_, nullptr, type, flags)) {
            for (const char** p = ports; *p; ++p)
                if (std::string(*p).rfind(prefix, 0) == 0) names.emplace_back(*p);
            jack_free(ports);
        }
        return names;
    };
    const auto midi = find(JACK_DEFAULT_MIDI_TYPE, JackPortIsInput, midiPrefix);
    const auto audio = find(JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput, audioPrefix);
    if (midi.empty()) return "no MIDI input port starting with " + midiPrefix;
    if (audio.size() < 2) return "fewer than two audio outputs starting with " + audioPrefix;
    if (jack_connect(client_, jack_port_name(midiOut_), midi[0].c_str()) != 0 ||
        jack_connect(client_, audio[0].c_str(), jack_port_name(in_[0])) != 0 ||
        jack_connect(client_, audio[1].c_str(), jack_port_name(in_[1])) != 0)
        return "cannot connect the ports";
    return {};
}

void JackPlayer::play(std::vector<Note> notes) {
    notes_ = std::move(notes);
    nextNote_ = 0;
    armed_.store(true, std::memory_order_release);
}

bool JackPlayer::waitFull(int timeoutMs) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (recorded_.load() < left_.size()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

int JackPlayer::process(jack_nframes_t frames, void* self) {
    auto& p = *static_cast<JackPlayer*>(self);
    void* midi = jack_port_get_buffer(p.midiOut_, frames);
    jack_midi_clear_buffer(midi);
    if (!p.armed_.load(std::memory_order_acquire)) return 0;
    const std::size_t at = p.recorded_.load(std::memory_order_relaxed);
    if (at == 0) p.start_ = jack_last_frame_time(p.client_);
    // Notes due in this cycle, at their exact offsets.
    while (p.nextNote_ < p.notes_.size() && p.notes_[p.nextNote_].at < at + frames) {
        const Note& n = p.notes_[p.nextNote_++];
        const jack_midi_data_t bytes[3] = {n.status, n.note, n.velocity};
        jack_midi_event_write(midi, static_cast<jack_nframes_t>(n.at > at ? n.at - at : 0), bytes,
                              3);
    }
    const std::size_t count = std::min<std::size_t>(frames, p.left_.size() - at);
    if (count > 0) {
        std::memcpy(&p.left_[at], jack_port_get_buffer(p.in_[0], frames), count * sizeof(float));
        std::memcpy(&p.right_[at], jack_port_get_buffer(p.in_[1], frames), count * sizeof(float));
        p.recorded_.store(at + count, std::memory_order_release);
    }
    return 0;
}

int JackPlayer::onXrun(void* self) {
    auto& p = *static_cast<JackPlayer*>(self);
    const std::uint64_t n = p.xruns_.fetch_add(1);
    if (n < kMaxXruns) p.xrunAt_[n].store(p.recorded_.load());
    return 0;
}

std::vector<std::size_t> JackPlayer::xrunPositions() const {
    std::vector<std::size_t> at;
    for (std::uint64_t i = 0; i < std::min<std::uint64_t>(xruns_.load(), kMaxXruns); ++i)
        at.push_back(xrunAt_[i].load());
    return at;
}

} // namespace govox::test
