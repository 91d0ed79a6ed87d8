#include "PlayProcess.hpp"

#include <QProcessEnvironment>

namespace govox::app::test {

PlayProcess::PlayProcess(const QString& cacheDir, const QStringList& args) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment(); // JACK_DEFAULT_SERVER
    env.insert("XDG_CACHE_HOME", cacheDir);
    env.insert("PULSE_SERVER", "unix:/nonexistent/govox-test");
    env.insert("PIPEWIRE_REMOTE", "/nonexistent/govox-test");
    process_.setProcessEnvironment(env);
    process_.setProcessChannelMode(QProcess::MergedChannels);
    process_.start(GOVOX_APP_PATH, QStringList{"play"} + args);
}

PlayProcess::~PlayProcess() {
    process_.terminate(); // SIGTERM: what Ctrl-C does (the command stops cleanly)
    if (!process_.waitForFinished(10000)) process_.kill();
    process_.waitForFinished(5000);
}

std::size_t PlayProcess::waitFor(const std::string& text, std::size_t from, double seconds) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    for (;;) {
        output_ += process_.readAll().toStdString();
        if (const auto at = output_.find(text, from); at != std::string::npos)
            return at + text.size();
        if (std::chrono::steady_clock::now() >= deadline ||
            process_.state() == QProcess::NotRunning)
            return std::string::npos;
        process_.waitForReadyRead(10);
    }
}

} // namespace govox::app::test
