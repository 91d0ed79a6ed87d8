#include "engine/midi/MidiInput.hpp"

#include "engine/midi/MidiDispatcher.hpp"

#include <RtMidi.h>

#include <algorithm>
#include <atomic>
#include <utility>

namespace govox::midi {
namespace {

RtMidi::Api toRtMidi(MidiApi api) { return api == MidiApi::Jack ? RtMidi::UNIX_JACK : RtMidi::LINUX_ALSA; }
const char* apiName(MidiApi api) { return api == MidiApi::Jack ? "JACK MIDI" : "ALSA MIDI"; }

// RtMidi starts its messages with the function that failed ("MidiInAlsa::initialize: ");
// the user needs only the rest.
std::string plain(const std::string& message) {
    const auto colon = message.find(": ");
    if (colon != std::string::npos && message.find("::") < colon) return message.substr(colon + 2);
    return message;
}

std::string describe(MidiApi api, const std::string& message) {
    return std::string(apiName(api)) + ": " + plain(message);
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<std::string> portNames(RtMidiIn& in) {
    std::vector<std::string> names;
    for (unsigned i = 0; i < in.getPortCount(); ++i) names.push_back(in.getPortName(i));
    return names;
}

} // namespace

struct MidiInput::Impl {
    // A port owns its RtMidiIn and the queue its callback fills; the RtMidiIn goes first,
    // so no callback can still be running when the queue is released.
    struct Port {
        std::string name; // as opened() shows it
        bool isVirtual = false;
        std::unique_ptr<RtMidiIn> in;
        MidiDispatcher* dispatcher = nullptr;
        MidiDispatcher::PortQueue* queue = nullptr;
        Port(std::string n, bool v, std::unique_ptr<RtMidiIn> i, MidiDispatcher* d, MidiDispatcher::PortQueue* q)
            : name(std::move(n)), isVirtual(v), in(std::move(i)), dispatcher(d), queue(q) {}
        Port(Port&& o) noexcept { take(o); }
        Port& operator=(Port&& o) noexcept {
            if (this != &o) {
                release();
                take(o);
            }
            return *this;
        }
        ~Port() { release(); }
        void take(Port& o) noexcept {
            name = std::move(o.name);
            isVirtual = o.isVirtual;
            in = std::move(o.in);
            dispatcher = std::exchange(o.dispatcher, nullptr);
            queue = std::exchange(o.queue, nullptr);
        }
        void release() noexcept {
            in.reset(); // no callback runs once this returns
            if (dispatcher && queue) dispatcher->removePort(queue);
            dispatcher = nullptr;
            queue = nullptr;
        }
    };
    std::vector<Port> inputs;
    MidiSink* sink = nullptr;
    std::unique_ptr<MidiDispatcher> dispatcher;
    MidiApi api = MidiApi::Alsa;
    std::string virtualPort;
    bool isOpen = false;

    // RtMidi's thread (JACK's real-time cycle for JACK MIDI): only a copy into the queue.
    static void onMessage(double, std::vector<unsigned char>* message, void* user) {
        if (message) static_cast<MidiDispatcher::PortQueue*>(user)->push(message->data(), message->size());
    }

    // A new input with its queue; `name` is how opened() will show it.
    Port makePort(std::string name, bool isVirtual) {
        auto in = std::make_unique<RtMidiIn>(toRtMidi(api), "Govox");
        in->ignoreTypes(true, true, true); // SysEx, timing, active sensing
        MidiDispatcher::PortQueue* queue = dispatcher->addPort();
        in->setCallback(&Impl::onMessage, queue);
        return Port(std::move(name), isVirtual, std::move(in), dispatcher.get(), queue);
    }

    // Looks the port up again through the new input itself, so that a port list that
    // changed since the caller listed it cannot make us open the wrong port.
    void openByName(const std::string& name) {
        Port port = makePort(name, false);
        const std::vector<std::string> names = portNames(*port.in);
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) throw RtMidiError("MidiInput::open: the port went away");
        port.in->openPort(static_cast<unsigned>(it - names.begin()), "in");
        inputs.push_back(std::move(port));
    }
};

MidiInput::MidiInput() : impl_(std::make_unique<Impl>()) {}
MidiInput::~MidiInput() { close(); }

std::string MidiInput::open(const MidiInputConfig& config, MidiSink& sink) {
    const bool keep = impl_->isOpen && impl_->sink == &sink && impl_->api == config.api &&
                      impl_->virtualPort == config.virtualPort;
    if (!keep) {
        close(); // joins RtMidi's threads before the sink changes under them
        impl_->sink = &sink;
        impl_->dispatcher = std::make_unique<MidiDispatcher>(sink);
        impl_->api = config.api;
        impl_->virtualPort = config.virtualPort;
    }
    std::string error;
    try {
        if (!keep && !config.virtualPort.empty()) {
            Impl::Port port = impl_->makePort(config.virtualPort + " (virtual)", true);
            port.in->openVirtualPort(config.virtualPort);
            impl_->inputs.push_back(std::move(port));
        }
        impl_->isOpen = true;
        error = openPorts(config);
    } catch (const RtMidiError& e) {
        close();
        return describe(config.api, e.getMessage());
    }
    opened_.clear();
    for (const Impl::Port& p : impl_->inputs) opened_.push_back(p.name);
    return error;
}

std::string MidiInput::openPorts(const MidiInputConfig& config) {
    std::vector<std::string> available;
    if (!config.connectTo.empty() || !config.ports.empty()) {
        // An input we already have can list the ports; a probe is a client of its own.
        if (!impl_->inputs.empty()) {
            available = portNames(*impl_->inputs.front().in);
        } else {
            RtMidiIn probe(toRtMidi(config.api), "Govox probe");
            available = portNames(probe);
        }
    }
    std::vector<std::string> wanted;
    std::string problems;
    auto problem = [&](const std::string& p) { problems += (problems.empty() ? "" : "; ") + p; };
    if (!config.connectTo.empty()) {
        for (const std::string& name : available) // never our own ports: that would loop
            if (name.find(config.connectTo) != std::string::npos && name.find("Govox") != 0)
                wanted.push_back(name);
        if (wanted.empty()) problem("no input port matches '" + config.connectTo + "'");
    }
    for (const std::string& name : config.ports) {
        if (!contains(available, name)) problem("no input port named '" + name + "'");
        else if (!contains(wanted, name)) wanted.push_back(name);
    }
    std::erase_if(impl_->inputs,
                  [&](const Impl::Port& p) { return !p.isVirtual && !contains(wanted, p.name); });
    for (const std::string& name : wanted) {
        const bool isOpen = std::any_of(impl_->inputs.begin(), impl_->inputs.end(),
                                        [&](const Impl::Port& p) { return !p.isVirtual && p.name == name; });
        if (isOpen) continue;
        try {
            impl_->openByName(name);
        } catch (const RtMidiError& e) { // the others stay open
            problem("cannot open '" + name + "': " + plain(e.getMessage()));
        }
    }
    return problems.empty() ? std::string{} : std::string(apiName(config.api)) + ": " + problems;
}

void MidiInput::close() {
    impl_->inputs.clear(); // closes the ports and joins RtMidi's threads
    received_ += impl_->dispatcher ? impl_->dispatcher->received() : 0;
    impl_->dispatcher.reset();
    impl_->isOpen = false;
    opened_.clear();
}

std::uint64_t MidiInput::received() const {
    return received_ + (impl_->dispatcher ? impl_->dispatcher->received() : 0);
}

std::vector<std::string> MidiInput::ports(MidiApi api, std::string& error) {
    try {
        RtMidiIn probe(toRtMidi(api), "Govox probe");
        // Without a server RtMidi's JACK side only warns and lists nothing: catch the
        // warning so the caller can say why the list is empty.
        std::string warning;
        probe.setErrorCallback([](RtMidiError::Type, const std::string& text,
                                  void* out) { *static_cast<std::string*>(out) = text; },
                               &warning);
        std::vector<std::string> names = portNames(probe);
        if (warning.empty()) return names;
        error = describe(api, warning);
    } catch (const RtMidiError& e) {
        error = describe(api, e.getMessage());
    }
    return {};
}

} // namespace govox::midi
