// QtTestApp.hpp - what the widget tests share: one QApplication for the whole program
// (made by QtTestApp.cpp, on the offscreen platform unless QT_QPA_PLATFORM says otherwise,
// so the tests run without a display), and a wait that polls instead of sleeping.
#pragma once

#include <QElapsedTimer>
#include <QTest>

namespace govox::ui::test {

// Runs the event loop until `done()` or `timeoutMs` passes; returns done().
template <class Done>
bool waitUntil(Done done, int timeoutMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > timeoutMs) return done();
        QTest::qWait(10);
    }
    return true;
}

} // namespace govox::ui::test
