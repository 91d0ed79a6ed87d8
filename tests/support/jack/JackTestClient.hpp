// JackTestClient.hpp - how a test's own JACK clients (a capture, a monitor, a keyboard)
// open on the test's private server and look up ports, written once.
//
// Threads: a control thread (libjack's client calls are not for a process callback).
#pragma once

#include <jack/jack.h>

#include <algorithm>
#include <string>
#include <vector>

namespace govox::backend::test {

// Opens a client on the running server, never starting one. nullptr, with `error` saying
// why, when there is no server or the name is refused.
inline jack_client_t* openTestClient(const std::string& name, std::string& error) {
    jack_status_t status{};
    jack_client_t* client = jack_client_open(name.c_str(), JackNoStartServer, &status);
    if (client == nullptr)
        error = "cannot open JACK client '" + name + "' (status " +
                std::to_string(static_cast<int>(status)) + ")";
    return client;
}

// The full names of the ports matching `pattern` (a regular expression, as
// jack_get_ports), sorted.
inline std::vector<std::string> findPorts(jack_client_t* client, const std::string& pattern,
                                          const char* type, unsigned long flags) {
    const char** found = jack_get_ports(client, pattern.c_str(), type, flags);
    std::vector<std::string> names;
    for (const char** p = found; p != nullptr && *p != nullptr; ++p) names.emplace_back(*p);
    if (found != nullptr) jack_free(found);
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace govox::backend::test
