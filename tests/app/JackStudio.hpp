// JackStudio.hpp - the window's Studio playing through a private jackd (dummy driver):
// audio out through JACK, MIDI in through Govox's own JACK port "Govox:Govox", and the
// sine test voice open. For the end-to-end tests that play it from a JACK client.
//
// Threads: the test's (Qt's main) thread.
#pragma once

#include "tests/support/jack/JackTestServer.hpp"
#include "tests/support/qt/QtTestApp.hpp"

#include "ui/studio/Studio.hpp"

#include <QTemporaryDir>

#include <cstdint>
#include <string>

namespace govox::test {

class JackStudio {
public:
    JackStudio(std::uint32_t rate, std::uint32_t period)
        : rate_(rate), period_(period), server_(rate, period),
          studio_({GOVOX_VOICEHOST_PATH, GOVOX_SDK_DIR, (temp_.path() + "/builds").toStdString()}) {
    }

    // Starts audio with a `ring`-frame ring, opens the MIDI port and the sine voice.
    // Returns what failed, or an empty string.
    std::string start(std::uint32_t ring) {
        if (!server_.error().empty()) return "jackd: " + server_.error();
        audio::EngineConfig config;
        config.backend = backend::BackendKind::Jack;
        config.fallback = false;
        config.stream.sampleRate = rate_;
        config.stream.bufferFrames = period_;
        config.stream.connectOutputs = false;
        if (QString e = studio_.startAudio(config, ring); !e.isEmpty()) return e.toStdString();
        midi::MidiInputConfig midi;
        midi.api = midi::MidiApi::Jack;
        midi.virtualPort = "Govox";
        if (QString e = studio_.openMidi(midi); !e.isEmpty()) return e.toStdString();
        bool opened = false;
        QObject::connect(&studio_, &ui::Studio::voiceOpened, [&] { opened = true; });
        studio_.openVoice(GOVOX_SDK_DIR "/internal/testvoices/sine");
        if (!ui::test::waitUntil([&] { return opened; }, 60000)) return "the voice did not open";
        return {};
    }

    ui::Studio& studio() { return studio_; }
    backend::test::JackTestServer& server() { return server_; }
    QString tempPath() const { return temp_.path(); }

private:
    std::uint32_t rate_, period_;
    backend::test::JackTestServer server_;
    QTemporaryDir temp_;
    ui::Studio studio_;
};

} // namespace govox::test
