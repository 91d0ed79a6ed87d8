// SoakRig.hpp - everything a soak run holds: the private JACK server, Govox (SoakApp),
// the keyboard playing into it, the monitor listening to it, the resource samples and
// the report. The phases (Phases.hpp) take a rig and leave it playing.
//
// Threads: the control (UI) thread.
#pragma once

#include "OutputMonitor.hpp"
#include "ProcessFigures.hpp"
#include "Report.hpp"
#include "SoakApp.hpp"
#include "SoakKeyboard.hpp"
#include "tests/support/jack/JackTestServer.hpp"
#include "tests/support/jack/JackXruns.hpp" // tests/backend

#include <filesystem>
#include <memory>
#include <string>

namespace govox::soak {

inline constexpr std::uint32_t kRate = 48000, kPeriod = 128;
inline constexpr const char* kKeyboardName = "soak-keys";

class SoakRig {
public:
    SoakRig(const std::filesystem::path& work, Report& report);

    // Starts jackd and Govox and connects the keyboard and the monitor; empty or why not.
    std::string start();
    // Makes the keyboard and the monitor (again, after the server restarted) and waits
    // until Govox's MIDI panel has connected the keyboard and the monitor hears Govox.
    std::string connectClients(double seconds);
    void dropClients(); // closes the keyboard and the monitor

    // The private jackd (dummy driver, real-time where allowed), started with the rig; a
    // fault kills it and restarts it under the same name.
    backend::test::JackTestServer& jack() { return jack_; }
    backend::test::XrunReports xruns() const { return backend::test::countXruns(jack_.log()); }
    SoakApp& app() { return app_; }
    SoakKeyboard& keys() { return *keys_; }
    bool hasKeys() const { return keys_ != nullptr; }
    void dropKeys() { keys_.reset(); }
    std::string makeKeys(); // a keyboard under the usual name; empty or why not
    OutputMonitor& ears() { return *ears_; }
    // A monitor connected to Govox's outputs (waiting up to 5 s for them); empty or why not.
    std::string makeEars();
    void dropEars() { ears_.reset(); }
    Report& report() { return report_; }

    // Waits until Govox is heard after monitor frame `mark`; the time it was heard, or -1.
    double heardAfter(std::uint64_t mark, double seconds);
    // Waits until Govox has been silent for `quiet` seconds; the time that began, or -1.
    double silentFor(double quiet, double seconds);

private:
    backend::test::JackTestServer jack_;
    SoakApp app_;
    std::unique_ptr<SoakKeyboard> keys_;
    std::unique_ptr<OutputMonitor> ears_;
    Report& report_;
};

} // namespace govox::soak
