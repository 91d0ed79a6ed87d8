// VoiceOpener.hpp - opens a voice session off the UI thread: building a voice takes `go
// build` (about a second, a minute on a cold cache), which the window must never wait for.
// The result comes back to the thread the opener lives in, as a queued call.
//
// Threads: open() and the callback on the opener's thread (the UI thread); the session is
// built and started on a thread of its own. One opening at a time.
#pragma once

#include "engine/audio/AudioEngine.hpp"
#include "engine/session/VoiceSession.hpp"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <thread>

namespace govox::ui {

class VoiceOpener final : public QObject {
    Q_OBJECT
public:
    // A started session, or null with why not.
    using Opened = std::function<void(std::unique_ptr<session::VoiceSession> session,
                                      const QString& dir, const QString& error)>;

    VoiceOpener(audio::AudioEngine& engine, Opened opened, QObject* parent = nullptr);
    ~VoiceOpener() override; // waits for an opening under way

    // False (and nothing happens) while another opening is under way.
    bool open(const QString& dir, session::VoiceSessionConfig config);
    bool opening() const noexcept { return opening_; }

private:
    audio::AudioEngine& engine_;
    Opened opened_;
    std::thread thread_;
    bool opening_ = false;
};

} // namespace govox::ui
