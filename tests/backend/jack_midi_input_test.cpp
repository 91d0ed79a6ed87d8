// MidiInput's JACK MIDI (JackMidiClient) on a private jackd (dummy driver), played by a
// JACK client of the test's: a truncated SysEx does not swallow the next note, a flood
// arrives whole and in order, notes held on a port whose source goes away are released,
// and a server killed (SIGKILL) and started again is noticed, closed without a crash and
// opened anew. Label jack: the RealtimeSanitizer preset runs it, so JackMidiClient's
// process callback (GOVOX_NONBLOCKING) is checked there for allocation, locks and I/O.
#include "engine/midi/MidiInput.hpp"
#include "engine/rt/SpscQueue.hpp"
#include "tests/engine/RecordingMidiSink.hpp"
#include "tests/support/jack/JackTestServer.hpp"

#include <gtest/gtest.h>
#include <jack/jack.h>
#include <jack/midiport.h>

#include <array>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace govox::midi {
namespace {

using namespace std::chrono_literals;
using Texts = std::vector<std::string>;

using RecordingSink = RecordingMidiSink;

// A JACK client with one MIDI output "out" that sends any bytes as single events, in order,
// at most 64 a cycle: a keyboard or a sequencer, well-behaved or not.
class MidiSender {
public:
    explicit MidiSender(const std::string& name) {
        jack_status_t status{};
        client_ = jack_client_open(name.c_str(), JackNoStartServer, &status);
        if (client_ == nullptr) {
            error_ = "cannot open JACK client '" + name + "'";
            return;
        }
        port_ = jack_port_register(client_, "out", JACK_DEFAULT_MIDI_TYPE, JackPortIsOutput, 0);
        if (port_ == nullptr ||
            jack_set_process_callback(client_, &MidiSender::process, this) != 0 ||
            jack_activate(client_) != 0)
            error_ = "cannot start JACK client '" + name + "'";
    }
    ~MidiSender() {
        if (client_ != nullptr) jack_client_close(client_);
    }
    const std::string& error() const { return error_; }
    std::string portName() const { return jack_port_name(port_); }
    std::string connect(const std::string& input) {
        return jack_connect(client_, portName().c_str(), input.c_str()) == 0
                   ? ""
                   : "cannot connect to " + input;
    }
    std::string disconnect(const std::string& input) {
        return jack_disconnect(client_, portName().c_str(), input.c_str()) == 0
                   ? ""
                   : "cannot disconnect " + input;
    }
    void send(std::initializer_list<std::uint8_t> bytes) {
        Event e;
        for (std::uint8_t b : bytes) e.bytes[e.size++] = b;
        while (!queue_.push(e)) std::this_thread::sleep_for(1ms);
        ++sent_;
    }
    // Waits until every event sent has been written to a cycle's buffer.
    bool waitIdle() const {
        for (int i = 0; i < 500 && written_.load() < sent_; ++i) std::this_thread::sleep_for(10ms);
        return written_.load() == sent_;
    }

private:
    struct Event {
        std::uint8_t size = 0;
        std::array<std::uint8_t, 16> bytes{};
    };
    static int process(jack_nframes_t frames, void* user) {
        auto& self = *static_cast<MidiSender*>(user);
        void* buffer = jack_port_get_buffer(self.port_, frames);
        jack_midi_clear_buffer(buffer);
        Event e;
        for (int i = 0; i < 64 && self.queue_.pop(e); ++i) {
            jack_midi_event_write(buffer, 0, e.bytes.data(), e.size);
            self.written_.fetch_add(1);
        }
        return 0;
    }

    jack_client_t* client_ = nullptr;
    jack_port_t* port_ = nullptr;
    rt::SpscQueue<Event, 4096> queue_;
    std::uint64_t sent_ = 0;
    std::atomic<std::uint64_t> written_{0};
    std::string error_;
};

// jackd publishes a new connection at its next cycle: wait until a sender's events reach
// the port, by sending a note until it arrives.
bool connectionWorks(MidiSender& sender, RecordingSink& sink) {
    for (int i = 0; i < 100; ++i) {
        sender.send({0xB0, 20, 1}); // a controller nothing else sends
        if (!sink.waitFor(1).empty()) {
            std::this_thread::sleep_for(50ms); // the repeats still on their way
            sink.takeAll();
            return true;
        }
    }
    return false;
}

class JackMidiInputTest : public ::testing::Test {
protected:
    void SetUp() override {
        server_ = std::make_unique<backend::test::JackTestServer>(48000, 128);
        ASSERT_EQ(server_->error(), "");
    }
    void TearDown() override { server_.reset(); } // after the test's clients have closed

    std::string open(MidiInput& input, std::vector<std::string> ports = {}) {
        MidiInputConfig config;
        config.api = MidiApi::Jack;
        config.virtualPort = "Govox";
        config.ports = std::move(ports);
        return input.open(config, sink_);
    }

    std::unique_ptr<backend::test::JackTestServer> server_;
    RecordingSink sink_;
};

TEST_F(JackMidiInputTest, ATruncatedSysExDoesNotSwallowTheNextNote) {
    MidiInput input;
    ASSERT_EQ(open(input), "");
    MidiSender keys("keys");
    ASSERT_EQ(keys.error(), "");
    ASSERT_EQ(keys.connect("Govox:Govox"), "");
    ASSERT_TRUE(connectionWorks(keys, sink_));

    keys.send({0xF0, 0x01, 0x02});                   // a SysEx cut short: no F7
    keys.send({0x90, 60, 100});                      // must be heard
    keys.send({0xF7});                               // an end of SysEx with no start
    keys.send({0xF8});                               // clock
    keys.send({0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7}); // a whole SysEx
    keys.send({0x90, 0xF8, 62, 100}); // a clock byte inside a note-on: one event, dropped
    keys.send({0x80, 60, 0});
    ASSERT_TRUE(keys.waitIdle());
    EXPECT_EQ(sink_.waitFor(2), (Texts{"on 0 60 100", "off 0 60"}));
    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(sink_.takeAll().size(), 2u) << "nothing else";
}

TEST_F(JackMidiInputTest, AFloodArrivesWholeAndInOrder) {
    MidiInput input;
    MidiSender keys("keys");
    ASSERT_EQ(keys.error(), "");
    ASSERT_EQ(open(input, {keys.portName()}), "");
    EXPECT_EQ(input.opened(), (Texts{"Govox (virtual)", keys.portName()}));
    ASSERT_TRUE(connectionWorks(keys, sink_));

    Texts expected;
    for (int i = 0; i < 3000; ++i) { // 64 a cycle: 2,400 events in 100 ms
        const auto note = static_cast<std::uint8_t>(i % 128);
        keys.send({0x90, note, 1});
        keys.send({0x80, note, 0});
        expected.push_back("on 0 " + std::to_string(note) + " 1");
        expected.push_back("off 0 " + std::to_string(note));
    }
    ASSERT_TRUE(keys.waitIdle());
    EXPECT_EQ(sink_.waitFor(expected.size()), expected);
}

TEST_F(JackMidiInputTest, NotesHeldOnAPortWhoseSourceGoesAreReleased) {
    MidiInput input;
    auto keys = std::make_unique<MidiSender>("keys");
    MidiSender other("other");
    ASSERT_EQ(keys->error(), "");
    ASSERT_EQ(other.error(), "");
    ASSERT_EQ(open(input, {keys->portName(), other.portName()}), "");
    ASSERT_TRUE(connectionWorks(*keys, sink_));
    ASSERT_TRUE(connectionWorks(other, sink_));

    // Disconnected: the port stays open, its notes end.
    keys->send({0x90, 60, 100});
    keys->send({0x90, 64, 100});
    keys->send({0x80, 64, 0});
    other.send({0x91, 48, 100});
    ASSERT_EQ(sink_.waitFor(4).size(), 4u);
    sink_.takeAll();
    ASSERT_EQ(keys->disconnect("Govox:in-1"), "");
    EXPECT_EQ(sink_.waitFor(1), (Texts{"off 0 60"}));

    // Unplugged (its client closes, no note-off): the same, before Govox even looks.
    ASSERT_EQ(keys->connect("Govox:in-1"), "");
    ASSERT_TRUE(connectionWorks(*keys, sink_));
    keys->send({0x90, 67, 100});
    ASSERT_EQ(sink_.waitFor(1).size(), 1u);
    sink_.takeAll();
    keys.reset();
    EXPECT_EQ(sink_.waitFor(1), (Texts{"off 0 67"}));

    std::this_thread::sleep_for(100ms);
    EXPECT_EQ(sink_.takeAll(), (Texts{"off 0 67"})) << "the other keyboard's note stays";
    input.close();
    EXPECT_EQ(sink_.takeAll(), (Texts{"off 1 48"}));
}

TEST_F(JackMidiInputTest, ClosingAPortReleasesItsNotes) {
    MidiInput input;
    MidiSender keys("keys");
    ASSERT_EQ(keys.error(), "");
    ASSERT_EQ(open(input, {keys.portName()}), "");
    ASSERT_TRUE(connectionWorks(keys, sink_));
    keys.send({0x90, 60, 100});
    ASSERT_EQ(sink_.waitFor(1).size(), 1u);
    sink_.takeAll();
    ASSERT_EQ(open(input, {}), ""); // the panel stops following it
    EXPECT_EQ(input.opened(), Texts{"Govox (virtual)"});
    EXPECT_EQ(sink_.takeAll(), (Texts{"off 0 60"}));
}

TEST_F(JackMidiInputTest, AServerKilledAndRestartedIsClosedCleanlyAndOpenedAnew) {
    auto input = std::make_unique<MidiInput>();
    ASSERT_EQ(open(*input), "");
    {
        MidiSender keys("keys");
        ASSERT_EQ(keys.error(), "");
        ASSERT_EQ(keys.connect("Govox:Govox"), "");
        ASSERT_TRUE(connectionWorks(keys, sink_));
        keys.send({0x90, 60, 100});
        ASSERT_EQ(sink_.waitFor(1).size(), 1u);
        sink_.takeAll();
        EXPECT_FALSE(input->serverGone());

        server_->kill();
        for (int i = 0; i < 500 && !input->serverGone(); ++i) std::this_thread::sleep_for(10ms);
        ASSERT_TRUE(input->serverGone()) << "the shutdown was not noticed";
    } // the test's own client of the dead server closes too
    input->close(); // JackMidiClient's client of the dead server: no crash
    EXPECT_EQ(sink_.takeAll(), (Texts{"off 0 60"})) << "the note held as the server died ends";
    EXPECT_FALSE(input->serverGone());

    ASSERT_EQ(server_->restart(), "");
    ASSERT_EQ(open(*input), "") << "the same server name, started again";
    {
        MidiSender keys("keys");
        ASSERT_EQ(keys.error(), "");
        ASSERT_EQ(keys.connect("Govox:Govox"), "");
        ASSERT_TRUE(connectionWorks(keys, sink_)) << "notes arrive on the new server";
        keys.send({0x90, 62, 100});
        EXPECT_EQ(sink_.waitFor(1), (Texts{"on 0 62 100"}));
    }

    // Killed again, and this time the input is destroyed while it is open.
    server_->kill();
    for (int i = 0; i < 500 && !input->serverGone(); ++i) std::this_thread::sleep_for(10ms);
    ASSERT_TRUE(input->serverGone());
    input.reset();
    ASSERT_EQ(server_->restart(), ""); // ends cleanly in TearDown: frees libjack's entry
}

TEST_F(JackMidiInputTest, ListsOtherClientsOutputsAsClientColonPort) {
    MidiSender keys("Keystation 49");
    ASSERT_EQ(keys.error(), "");
    std::string error;
    EXPECT_EQ(MidiInput::ports(MidiApi::Jack, error), Texts{"Keystation 49:out"});
    EXPECT_EQ(error, "");
}

} // namespace
} // namespace govox::midi
