// MidiDispatcher: messages reach the sink in order, and a port that goes away (removed,
// its last source disconnected, or the whole dispatcher closing) has exactly the notes it
// left down released - not notes already released, not other ports' notes.
#include "engine/midi/MidiDispatcher.hpp"
#include "tests/engine/RecordingMidiSink.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <vector>

namespace govox::midi {
namespace {

using namespace std::chrono_literals;

using RecordingSink = RecordingMidiSink;

void send(MidiDispatcher::PortQueue& port, std::initializer_list<std::uint8_t> bytes) {
    const std::vector<std::uint8_t> v(bytes);
    port.push(v.data(), v.size(), rt::EventTime::now());
}

using Texts = std::vector<std::string>;

TEST(MidiDispatcher, ARemovedPortReleasesOnlyTheNotesItLeftDown) {
    RecordingSink sink;
    MidiDispatcher dispatcher(sink);
    MidiDispatcher::PortQueue* a = dispatcher.addPort();
    MidiDispatcher::PortQueue* b = dispatcher.addPort();
    send(*a, {0x90, 60, 100}); // held
    send(*a, {0x90, 64, 90});
    send(*a, {0x80, 64, 0}); // released by a note-off
    send(*a, {0x91, 67, 80});
    send(*a, {0x91, 67, 0}); // released by a note-on of velocity 0
    send(*a, {0x92, 70, 80});
    send(*a, {0xB2, 123, 0});  // all notes off on channel 3
    send(*a, {0x9F, 127, 1});  // held, channel 16
    send(*b, {0x90, 72, 100}); // another port's note
    ASSERT_EQ(sink.waitFor(9).size(), 9u);
    sink.takeAll();

    dispatcher.removePort(a);
    EXPECT_EQ(sink.takeAll(), (Texts{"off 0 60", "off 15 127"}));

    send(*b, {0xE0, 0, 0x40}); // port b still plays
    EXPECT_EQ(sink.waitFor(1), (Texts{"bend 0 0"}));
}

TEST(MidiDispatcher, WhatIsStillQueuedPlaysBeforeTheRelease) {
    RecordingSink sink;
    MidiDispatcher dispatcher(sink);
    MidiDispatcher::PortQueue* a = dispatcher.addPort();
    send(*a, {0x90, 60, 100});
    dispatcher.removePort(a); // the note-on may still be queued: it plays, then ends
    EXPECT_EQ(sink.takeAll(), (Texts{"on 0 60 100", "off 0 60"}));
}

TEST(MidiDispatcher, ClosingReleasesEveryPortsHeldNotes) {
    RecordingSink sink;
    {
        MidiDispatcher dispatcher(sink);
        send(*dispatcher.addPort(), {0x90, 60, 100});
        send(*dispatcher.addPort(), {0x93, 61, 100});
        ASSERT_EQ(sink.waitFor(2).size(), 2u);
        sink.takeAll();
    }
    EXPECT_EQ(sink.takeAll(), (Texts{"off 0 60", "off 3 61"}));
}

TEST(MidiDispatcher, APortThatLostItsSourceReleasesItsNotesAndPlaysOn) {
    RecordingSink sink;
    MidiDispatcher dispatcher(sink);
    MidiDispatcher::PortQueue* a = dispatcher.addPort();
    send(*a, {0x90, 60, 100});
    a->requestRelease(); // what JackMidiClient does when the port's last connection goes
    EXPECT_EQ(sink.waitFor(2), (Texts{"on 0 60 100", "off 0 60"}));
    send(*a, {0x90, 62, 100});
    EXPECT_EQ(sink.waitFor(3).back(), "on 0 62 100");
    dispatcher.removePort(a);
    EXPECT_EQ(sink.takeAll().back(), "off 0 62") << "only the note held since";
}

TEST(MidiDispatcher, MessagesArriveInOrderAndLongOnesAreDropped) {
    RecordingSink sink;
    MidiDispatcher dispatcher(sink);
    MidiDispatcher::PortQueue* a = dispatcher.addPort();
    const std::uint8_t sysex[] = {0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7};
    a->push(sysex, sizeof sysex, rt::EventTime::now());
    Texts expected;
    for (int i = 0; i < 3000; ++i) {
        const auto note = static_cast<std::uint8_t>(i % 128);
        send(*a, {0x90, note, 1});
        send(*a, {0x80, note, 0});
        expected.push_back("on 0 " + std::to_string(note) + " 1");
        expected.push_back("off 0 " + std::to_string(note));
        if (i % 1000 == 999) sink.waitFor(expected.size()); // the queue holds 4096
    }
    EXPECT_EQ(sink.waitFor(expected.size()), expected);
    EXPECT_EQ(dispatcher.received(), expected.size() + 1);
    EXPECT_EQ(dispatcher.dropped(), 0u);
}

} // namespace
} // namespace govox::midi
