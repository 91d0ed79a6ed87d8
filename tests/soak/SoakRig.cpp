#include "SoakRig.hpp"

#include "Waiting.hpp"

namespace govox::soak {

SoakRig::SoakRig(const std::filesystem::path& work, Report& report)
    : jack_(kRate, kPeriod), app_(work), report_(report) {}

std::string SoakRig::start() {
    if (!jack_.error().empty()) return jack_.error();
    if (std::string e = app_.begin(); !e.empty()) return e;
    return connectClients(10);
}

std::string SoakRig::makeKeys() {
    keys_ = std::make_unique<SoakKeyboard>(kKeyboardName);
    return keys_->error();
}

std::string SoakRig::makeEars() {
    ears_ = std::make_unique<OutputMonitor>("soak-ears");
    if (!ears_->error().empty()) return ears_->error();
    std::string why;
    waitUntil([&] { return (why = ears_->connect("Govox")).empty(); }, 5);
    return why;
}

std::string SoakRig::connectClients(double seconds) {
    if (std::string e = makeKeys(); !e.empty()) return e;
    if (std::string e = makeEars(); !e.empty()) return e;
    // The panel polls the port list every second and connects what appeared.
    if (!waitUntil([&] { return keys_->connected(); }, seconds))
        return "Govox's MIDI panel did not connect " + keys_->portName() + " within " +
               std::to_string(int(seconds)) + " s";
    return {};
}

void SoakRig::dropClients() {
    keys_.reset();
    ears_.reset();
}

double SoakRig::heardAfter(std::uint64_t mark, double seconds) {
    return waitUntil([&] { return ears_->loudAfter(mark); }, seconds) ? now() : -1;
}

double SoakRig::silentFor(double quiet, double seconds) {
    return waitUntil([&] { return ears_->silentSeconds() >= quiet; }, seconds)
               ? now() - ears_->silentSeconds()
               : -1;
}

} // namespace govox::soak
