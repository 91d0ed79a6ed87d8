#include "engine/midi/MidiInput.hpp"

#include <RtMidi.h>

#include <atomic>

namespace govox::midi {

struct MidiInput::Impl {
    std::vector<std::unique_ptr<RtMidiIn>> inputs;
    MidiSink* sink = nullptr;
    std::atomic<std::uint64_t> received{0};

    static void onMessage(double, std::vector<unsigned char>* message, void* user) {
        auto* self = static_cast<Impl*>(user);
        self->received.fetch_add(1, std::memory_order_relaxed);
        if (message && self->sink) decodeMessage(message->data(), message->size(), *self->sink);
    }
};

namespace {

RtMidi::Api toRtMidi(MidiApi api) { return api == MidiApi::Jack ? RtMidi::UNIX_JACK : RtMidi::LINUX_ALSA; }
const char* apiName(MidiApi api) { return api == MidiApi::Jack ? "JACK MIDI" : "ALSA MIDI"; }

} // namespace

MidiInput::MidiInput() : impl_(std::make_unique<Impl>()) {}
MidiInput::~MidiInput() { close(); }

std::string MidiInput::open(const MidiInputConfig& config, MidiSink& sink) {
    close();
    impl_->sink = &sink;
    try {
        auto makeInput = [&] {
            auto in = std::make_unique<RtMidiIn>(toRtMidi(config.api), "Govox");
            in->ignoreTypes(true, true, true); // SysEx, timing, active sensing
            in->setCallback(&Impl::onMessage, impl_.get());
            return in;
        };
        if (!config.virtualPort.empty()) {
            auto in = makeInput();
            in->openVirtualPort(config.virtualPort);
            impl_->inputs.push_back(std::move(in));
            opened_.push_back(config.virtualPort + " (virtual)");
        }
        if (!config.connectTo.empty()) {
            auto probe = std::make_unique<RtMidiIn>(toRtMidi(config.api), "Govox probe");
            for (unsigned i = 0; i < probe->getPortCount(); ++i) {
                const std::string name = probe->getPortName(i);
                if (name.find(config.connectTo) == std::string::npos || name.find("Govox") == 0) continue;
                auto in = makeInput();
                in->openPort(i, "in");
                impl_->inputs.push_back(std::move(in));
                opened_.push_back(name);
            }
            if (opened_.empty() || (opened_.size() == 1 && !config.virtualPort.empty()))
                return std::string(apiName(config.api)) + ": no input port matches '" + config.connectTo + "'";
        }
    } catch (const RtMidiError& e) {
        close();
        return std::string(apiName(config.api)) + ": " + e.getMessage();
    }
    return {};
}

void MidiInput::close() {
    impl_->inputs.clear(); // closes the ports and joins RtMidi's threads
    opened_.clear();
}

std::uint64_t MidiInput::received() const { return impl_->received.load(); }

std::vector<std::string> MidiInput::ports(MidiApi api, std::string& error) {
    std::vector<std::string> names;
    try {
        RtMidiIn probe(toRtMidi(api), "Govox probe");
        for (unsigned i = 0; i < probe.getPortCount(); ++i) names.push_back(probe.getPortName(i));
    } catch (const RtMidiError& e) {
        error = std::string(apiName(api)) + ": " + e.getMessage();
    }
    return names;
}

} // namespace govox::midi
