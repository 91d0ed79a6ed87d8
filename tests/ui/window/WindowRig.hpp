// WindowRig.hpp - the window as a user meets it: a voice copied to a folder of its own,
// the window over a Studio, settings in a temporary INI file, audio through the null
// backend; notes played with the mouse on the on-screen keyboard.
//
// Threads: the test's thread, which is the Qt GUI thread (QtTestApp).
#pragma once

#include "ui/studio/Studio.hpp"
#include "ui/window/MainWindow.hpp"

#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <string>

namespace govox::app::test {

class WindowRig {
public:
    // Copies go-plugins/<voice>/main.go into a folder of its own and opens it.
    explicit WindowRig(const QString& voice = "internal/testvoices/sine");
    ~WindowRig();

    // Until the voice plays (its build may take a minute on a cold Go cache).
    bool waitForVoice();
    void screenshot(const QString& name);
    std::string source() const;
    void save(const std::string& text); // as an editor that renames over the file
    // Plays a note with the mouse on the on-screen keyboard, near the front of the key.
    void clickKey(int note, bool press);

    QTemporaryDir temp_;
    QString voiceDir_;
    std::unique_ptr<ui::Studio> studio_;
    std::unique_ptr<ui::MainWindow> window_;
};

} // namespace govox::app::test
