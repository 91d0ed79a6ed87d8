#include "ui/studio/VoiceOpener.hpp"

#include <QMetaObject>

namespace govox::ui {

VoiceOpener::VoiceOpener(audio::AudioEngine& engine, Opened opened, QObject* parent)
    : QObject(parent), engine_(engine), opened_(std::move(opened)) {}

VoiceOpener::~VoiceOpener() {
    // Its queued answer is dropped with this object, and the session it made with it.
    if (thread_.joinable()) thread_.join();
}

bool VoiceOpener::open(const QString& dir, session::VoiceSessionConfig config) {
    if (opening_) return false;
    if (thread_.joinable()) thread_.join(); // the last one has answered
    opening_ = true;
    thread_ = std::thread([this, dir, config = std::move(config)] {
        // Boxed, so that a session whose answer is never delivered (the opener went first) is
        // still stopped, with its hosts, when the queued call is dropped.
        auto box = std::make_shared<std::unique_ptr<session::VoiceSession>>(
            std::make_unique<session::VoiceSession>(engine_, config));
        const std::string error = (*box)->start();
        if (!error.empty()) box->reset();
        QMetaObject::invokeMethod(
            this,
            [this, dir, error, box] {
                opening_ = false;
                opened_(std::move(*box), dir, QString::fromStdString(error));
            },
            Qt::QueuedConnection);
    });
    return true;
}

} // namespace govox::ui
