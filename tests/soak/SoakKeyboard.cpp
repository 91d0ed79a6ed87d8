#include "SoakKeyboard.hpp"

#include "tests/support/jack/JackTestClient.hpp"

#include <jack/midiport.h>

#include <algorithm>

namespace govox::soak {
namespace {

constexpr int kLowest = 36, kHighest = 96; // never note 1: it hangs the soak's voice
constexpr int kFloodHeld = 16;

} // namespace

SoakKeyboard::SoakKeyboard(const std::string& clientName) {
    client_ = backend::test::openTestClient(clientName, error_);
    if (!client_) return;
    rate_ = jack_get_sample_rate(client_);
    port_ = jack_port_register(client_, "out", JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput, 0);
    jack_on_shutdown(client_, &SoakKeyboard::shutdown, this);
    if (!port_)
        error_ = "cannot register a MIDI port";
    else if (jack_set_process_callback(client_, &SoakKeyboard::process, this) != 0 ||
             jack_activate(client_) != 0)
        error_ = "cannot activate JACK client '" + clientName + "'";
}

SoakKeyboard::~SoakKeyboard() {
    if (client_) jack_client_close(client_);
}

std::string SoakKeyboard::portName() const {
    return port_ ? jack_port_name(port_) : std::string{};
}

bool SoakKeyboard::connected() const {
    return port_ && !gone_ && jack_port_connected(port_) > 0;
}

void SoakKeyboard::play(Mode mode, std::uint32_t arg) {
    ++serial_;
    request_.store(serial_ << 40 | std::uint64_t(mode) << 32 | arg);
}

bool SoakKeyboard::send(const std::vector<std::uint8_t>& bytes, std::uint32_t length) {
    Raw raw;
    raw.size = static_cast<std::uint8_t>(std::min<std::size_t>(bytes.size(), raw.bytes.size()));
    std::copy_n(bytes.begin(), raw.size, raw.bytes.begin());
    raw.length = length;
    if (!raw_.push(raw)) return false;
    ++queued_;
    return true;
}

bool SoakKeyboard::idle() const {
    return rawDone_.load() == queued_ && taken_.load() == serial_;
}

void SoakKeyboard::shutdown(void* self) {
    static_cast<SoakKeyboard*>(self)->gone_ = true;
}

int SoakKeyboard::process(jack_nframes_t frames, void* self) {
    auto* k = static_cast<SoakKeyboard*>(self);
    void* buffer = jack_port_get_buffer(k->port_, frames);
    jack_midi_clear_buffer(buffer);
    k->run(buffer, frames);
    k->now_ += frames;
    return 0;
}

void SoakKeyboard::run(void* buffer, jack_nframes_t frames) {
    const std::uint64_t request = request_.load();
    if ((request >> 40) != taken_.load()) {
        releaseAll(buffer);
        mode_ = static_cast<Mode>((request >> 32) & 0xFF);
        arg_ = static_cast<std::uint32_t>(request & 0xFFFFFFFF);
        nextStart_ = now_;
        floodDue_ = 0;
        if (mode_ == Mode::Chord) // a spread chord, every other semitone from C3
            for (std::uint32_t i = 0; i < arg_ && 48 + 2 * i <= kHighest; ++i)
                noteOn(buffer, int(48 + 2 * i), 90);
        taken_.store(request >> 40);
    }
    Raw raw;
    while (raw_.pop(raw)) {
        sendRaw(buffer, raw);
        rawDone_.fetch_add(1);
    }
    if (mode_ == Mode::Sequence) sequence(buffer, frames);
    if (mode_ == Mode::Flood) flood(buffer, frames);
}

void SoakKeyboard::write(void* buffer, const std::uint8_t* bytes, std::size_t size) {
    // Every event at offset 0: the order within a cycle is kept, the timing does not matter.
    if (jack_midi_event_write(buffer, 0, bytes, size) == 0)
        events_.fetch_add(1);
    else
        lost_.fetch_add(1);
}

void SoakKeyboard::noteOn(void* buffer, int note, int velocity) {
    if (offAt_[note] != 0) return;
    const std::uint8_t m[3] = {0x90, std::uint8_t(note), std::uint8_t(velocity)};
    write(buffer, m, 3);
    offAt_[note] = ~std::uint64_t{0}; // held until told otherwise
    held_.fetch_add(1);
}

void SoakKeyboard::noteOff(void* buffer, int note) {
    if (offAt_[note] == 0) return;
    const std::uint8_t m[3] = {0x80, std::uint8_t(note), 0};
    write(buffer, m, 3);
    offAt_[note] = 0;
    held_.fetch_sub(1);
}

void SoakKeyboard::releaseAll(void* buffer) {
    for (int n = 0; n < 128; ++n) noteOff(buffer, n);
}

void SoakKeyboard::sequence(void* buffer, jack_nframes_t frames) {
    const std::uint64_t end = now_ + frames;
    for (int n = 0; n < 128; ++n)
        if (offAt_[n] != 0 && offAt_[n] < end) noteOff(buffer, n);
    while (nextStart_ < end) {
        if (held_.load() < int(arg_)) {
            int note = kLowest + int(random(kHighest - kLowest + 1));
            while (offAt_[note] != 0) note = note == kHighest ? kLowest : note + 1;
            noteOn(buffer, note, 60 + int(random(50)));
            offAt_[note] = now_ + rate_ * (300 + random(1700)) / 1000;
        }
        nextStart_ += rate_ * (20 + random(71)) / 1000;
    }
}

// Note-ons while fewer than 16 flood notes are down, note-offs of the lowest otherwise,
// and a mod-wheel move every fifth event: each note-on has its note-off in the stream.
void SoakKeyboard::flood(void* buffer, jack_nframes_t frames) {
    floodDue_ += double(arg_) * frames / rate_;
    for (; floodDue_ >= 1.0; floodDue_ -= 1.0, ++floodStep_) {
        if (floodStep_ % 5 == 4) {
            const std::uint8_t cc[3] = {0xB0, 1, std::uint8_t(floodStep_ & 0x7F)};
            write(buffer, cc, 3);
        } else if (held_.load() < kFloodHeld && floodStep_ % 2 == 0) {
            int note = kLowest + int(random(kHighest - kLowest + 1));
            while (offAt_[note] != 0) note = note == kHighest ? kLowest : note + 1;
            noteOn(buffer, note, 1 + int(random(127)));
        } else {
            int lowest = 0;
            while (lowest < 128 && offAt_[lowest] == 0) ++lowest;
            if (lowest < 128) noteOff(buffer, lowest);
        }
    }
}

void SoakKeyboard::sendRaw(void* buffer, const Raw& raw) {
    std::size_t length = std::max<std::size_t>(raw.size, raw.length);
    if (raw.length == kOversized) length = jack_midi_max_event_size(buffer);
    if (length <= raw.size) {
        write(buffer, raw.bytes.data(), raw.size);
        return;
    }
    jack_midi_data_t* at = jack_midi_event_reserve(buffer, 0, length);
    if (!at) {
        lost_.fetch_add(1);
        return;
    }
    std::copy_n(raw.bytes.begin(), raw.size, at);
    std::fill(at + raw.size, at + length, jack_midi_data_t{0x11}); // data bytes, no F7
    events_.fetch_add(1);
}

std::uint32_t SoakKeyboard::random(std::uint32_t below) { // xorshift32: no state shared
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 17;
    rng_ ^= rng_ << 5;
    return rng_ % below;
}

} // namespace govox::soak
