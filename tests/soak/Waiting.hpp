// Waiting.hpp - the soak's clock and its only way to wait: run Qt's event loop (the
// window, the Studio's 30 Hz poll) until a condition holds or a deadline passes.
//
// No fixed sleeps stand in for a condition: every wait names what it waits for.
//
// Threads: the control (UI) thread.
#pragma once

#include <QTest>

#include <chrono>

namespace govox::soak {

// Seconds since the run began (steady clock).
inline double now() {
    static const auto start = std::chrono::steady_clock::now();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Runs the event loop until done() or `seconds` pass; returns done().
template <class Done>
bool waitUntil(Done done, double seconds) {
    const double deadline = now() + seconds;
    while (!done()) {
        if (now() > deadline) return done();
        QTest::qWait(5);
    }
    return true;
}

// Runs the event loop for `seconds` (the soak's playing time, not a wait for a condition).
inline void play(double seconds) {
    QTest::qWait(static_cast<int>(seconds * 1000));
}

} // namespace govox::soak
