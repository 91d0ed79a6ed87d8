#include "engine/midi/MidiInput.hpp"

#include "engine/midi/JackMidiClient.hpp"
#include "engine/midi/MidiDispatcher.hpp"

#include <RtMidi.h>

#include <algorithm>
#include <atomic>
#include <utility>

namespace govox::midi {
namespace {

RtMidi::Api toRtMidi(MidiApi api) {
    return api == MidiApi::Jack ? RtMidi::UNIX_JACK : RtMidi::LINUX_ALSA;
}
const char* apiName(MidiApi api) {
    return api == MidiApi::Jack ? "JACK MIDI" : "ALSA MIDI";
}

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
    // A port owns its input (an RtMidiIn for ALSA, a port of the JackMidiClient for JACK)
    // and the queue it fills; the input goes first, so nothing still fills the queue when
    // the dispatcher releases the port's notes and frees it.
    // Govox's own port that others connect to, or one Govox opened on a source.
    enum class PortKind { Virtual, Source };

    struct Port {
        std::string name; // as opened() shows it
        bool isVirtual = false;
        std::unique_ptr<RtMidiIn> in;   // ALSA
        JackMidiClient* jack = nullptr; // JACK: the client holding the port; not owned
        MidiDispatcher* dispatcher = nullptr;
        MidiDispatcher::PortQueue* queue = nullptr;
        Port(std::string n, PortKind kind, MidiDispatcher* d, MidiDispatcher::PortQueue* q)
            : name(std::move(n)), isVirtual(kind == PortKind::Virtual), dispatcher(d), queue(q) {}
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
            jack = std::exchange(o.jack, nullptr);
            dispatcher = std::exchange(o.dispatcher, nullptr);
            queue = std::exchange(o.queue, nullptr);
        }
        void release() noexcept {
            in.reset();                                  // no callback runs once this returns
            if (jack && queue) jack->removePort(*queue); // nor a JACK cycle
            if (dispatcher && queue) dispatcher->removePort(queue); // notes it left down end
            jack = nullptr;
            dispatcher = nullptr;
            queue = nullptr;
        }
    };
    std::vector<Port> inputs;
    MidiSink* sink = nullptr;
    std::unique_ptr<MidiDispatcher> dispatcher;
    std::unique_ptr<JackMidiClient> jack; // JACK MIDI: one client for every port
    MidiApi api = MidiApi::Alsa;
    std::string virtualPort;
    bool isOpen = false;
    unsigned jackPorts = 0; // names the JACK ports "in-1", "in-2", ...

    // RtMidi's ALSA thread: only a copy into the queue, stamped with its arrival (RtMidi's
    // own time is a delta from the previous message, of no use to place it on our clock).
    static void onMessage(double, std::vector<unsigned char>* message, void* user) {
        if (message)
            static_cast<MidiDispatcher::PortQueue*>(user)->push(message->data(), message->size(),
                                                                rt::EventTime::now());
    }

    // A new ALSA input with its queue; `name` is how opened() will show it.
    Port makeAlsaPort(std::string name, PortKind kind) {
        Port port(std::move(name), kind, dispatcher.get(), dispatcher->addPort());
        port.in = std::make_unique<RtMidiIn>(toRtMidi(api), "Govox");
        port.in->ignoreTypes(true, true, true); // SysEx, timing, active sensing
        port.in->setCallback(&Impl::onMessage, port.queue);
        return port;
    }

    // Looks the port up again through the new input itself, so that a port list that
    // changed since the caller listed it cannot make us open the wrong port.
    void openAlsa(const std::string& name) {
        Port port = makeAlsaPort(name, PortKind::Source);
        const std::vector<std::string> names = portNames(*port.in);
        const auto it = std::find(names.begin(), names.end(), name);
        if (it == names.end()) throw RtMidiError("MidiInput::open: the port went away");
        port.in->openPort(static_cast<unsigned>(it - names.begin()), "in");
        inputs.push_back(std::move(port));
    }

    // A JACK input port named `jackName` on our client, connected to `source` unless empty.
    std::string openJack(const std::string& name, const std::string& jackName,
                         const std::string& source, PortKind kind) {
        Port port(name, kind, dispatcher.get(), dispatcher->addPort());
        const std::string error = jack->addPort(jackName, source, *port.queue);
        if (!error.empty()) return error; // the queue goes with `port`
        port.jack = jack.get();
        inputs.push_back(std::move(port));
        return {};
    }
};

MidiInput::MidiInput() : impl_(std::make_unique<Impl>()) {}
MidiInput::~MidiInput() {
    close();
}

std::string MidiInput::open(const MidiInputConfig& config, MidiSink& sink) {
    const bool keep = impl_->isOpen && impl_->sink == &sink && impl_->api == config.api &&
                      impl_->virtualPort == config.virtualPort && !serverGone();
    if (!keep) {
        close(); // stops the receiving threads before the sink changes under them
        impl_->sink = &sink;
        impl_->dispatcher = std::make_unique<MidiDispatcher>(sink);
        impl_->api = config.api;
        impl_->virtualPort = config.virtualPort;
    }
    std::string error;
    try {
        if (!keep) error = openVirtual(config);
        if (!error.empty()) {
            close();
            return describe(config.api, error);
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

// The JACK client, and the virtual port. Returns an error (RtMidi's ALSA side throws).
std::string MidiInput::openVirtual(const MidiInputConfig& config) {
    if (config.api == MidiApi::Jack) {
        std::string error;
        impl_->jack = JackMidiClient::open("Govox", error);
        if (!impl_->jack) return error;
        if (config.virtualPort.empty()) return {};
        return impl_->openJack(config.virtualPort + " (virtual)", config.virtualPort, {},
                               Impl::PortKind::Virtual);
    }
    if (config.virtualPort.empty()) return {};
    Impl::Port port =
        impl_->makeAlsaPort(config.virtualPort + " (virtual)", Impl::PortKind::Virtual);
    port.in->openVirtualPort(config.virtualPort);
    impl_->inputs.push_back(std::move(port));
    return {};
}

std::vector<std::string> MidiInput::available(MidiApi api) {
    if (api == MidiApi::Jack) return impl_->jack->sources();
    // An input we already have can list the ports; a probe is a client of its own.
    if (!impl_->inputs.empty()) return portNames(*impl_->inputs.front().in);
    RtMidiIn probe(toRtMidi(api), "Govox probe");
    return portNames(probe);
}

std::string MidiInput::openPorts(const MidiInputConfig& config) {
    std::vector<std::string> available;
    if (!config.connectTo.empty() || !config.ports.empty()) available = this->available(config.api);
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
        if (!contains(available, name))
            problem("no input port named '" + name + "'");
        else if (!contains(wanted, name))
            wanted.push_back(name);
    }
    std::erase_if(impl_->inputs,
                  [&](const Impl::Port& p) { return !p.isVirtual && !contains(wanted, p.name); });
    for (const std::string& name : wanted) {
        const bool isOpen =
            std::any_of(impl_->inputs.begin(), impl_->inputs.end(),
                        [&](const Impl::Port& p) { return !p.isVirtual && p.name == name; });
        if (isOpen) continue;
        if (config.api == MidiApi::Jack) {
            const std::string error = impl_->openJack(
                name, "in-" + std::to_string(++impl_->jackPorts), name, Impl::PortKind::Source);
            if (!error.empty()) problem("cannot open '" + name + "': " + error);
            continue;
        }
        try {
            impl_->openAlsa(name);
        } catch (const RtMidiError& e) { // the others stay open
            problem("cannot open '" + name + "': " + plain(e.getMessage()));
        }
    }
    return problems.empty() ? std::string{} : std::string(apiName(config.api)) + ": " + problems;
}

void MidiInput::close() {
    impl_->inputs.clear(); // closes the ports, releases their notes
    impl_->jack.reset();   // the JACK client, also one of a dead server
    received_ += impl_->dispatcher ? impl_->dispatcher->received() : 0;
    impl_->dispatcher.reset();
    impl_->isOpen = false;
    impl_->jackPorts = 0;
    opened_.clear();
}

std::uint64_t MidiInput::received() const {
    return received_ + (impl_->dispatcher ? impl_->dispatcher->received() : 0);
}

bool MidiInput::serverGone() const {
    return impl_->jack && impl_->jack->serverGone();
}

std::vector<std::string> MidiInput::ports(MidiApi api, std::string& error) {
    if (api == MidiApi::Jack) {
        std::string why;
        std::vector<std::string> names = JackMidiClient::listSources(why);
        if (!why.empty()) error = describe(api, why);
        return names;
    }
    try {
        RtMidiIn probe(toRtMidi(api), "Govox probe");
        // Without a sequencer RtMidi may only warn and list nothing: catch the warning so
        // the caller can say why the list is empty.
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
