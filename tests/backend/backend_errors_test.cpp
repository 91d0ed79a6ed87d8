// What the user sees when an output cannot be opened, and the backend table.
#include "engine/backend/AudioBackend.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <unistd.h>

namespace govox::backend {
namespace {

// Never called: the streams under test must fail to open.
class Silence final : public rt::AudioCallback {
public:
    void render(float* left, float* right,
                std::uint32_t frames) noexcept GOVOX_NONBLOCKING override {
        for (std::uint32_t i = 0; i < frames; ++i) left[i] = right[i] = 0.0f;
    }
    void xrun() noexcept GOVOX_NONBLOCKING override {}
};

// Points libjack at a server name nobody runs, for the life of the object.
class AbsentJackServer {
public:
    AbsentJackServer() {
        save("JACK_DEFAULT_SERVER", savedServer_);
        save("JACK_NO_START_SERVER", savedNoStart_);
        const std::string name = "govox-absent-" + std::to_string(getpid());
        setenv("JACK_DEFAULT_SERVER", name.c_str(), 1);
        setenv("JACK_NO_START_SERVER", "1", 1); // libjack must not spawn one either
    }
    ~AbsentJackServer() {
        restore("JACK_DEFAULT_SERVER", savedServer_);
        restore("JACK_NO_START_SERVER", savedNoStart_);
    }

private:
    static void save(const char* name, std::optional<std::string>& into) {
        if (const char* v = std::getenv(name)) into = v;
    }
    static void restore(const char* name, const std::optional<std::string>& value) {
        if (value)
            setenv(name, value->c_str(), 1);
        else
            unsetenv(name);
    }
    std::optional<std::string> savedServer_, savedNoStart_;
};

StreamRequest requestFor(const std::string& device) {
    StreamRequest r;
    r.device = device;
    r.clientName = "govox-errors-test";
    return r;
}

TEST(AlsaBackend, UnknownDeviceIsNamedAndAlternativesListed) {
    Silence silence;
    auto backend = makeBackend(BackendKind::Alsa);
    ASSERT_NE(backend, nullptr);
    const std::string error = backend->start(requestFor("govox-no-such-device"), silence);
    std::printf("[ measured ] alsa: \"%s\"\n", error.c_str());
    EXPECT_EQ(error.rfind("ALSA: no output device named 'govox-no-such-device'; available: ", 0),
              0u)
        << error;
    EXPECT_FALSE(backend->running());
    backend->stop(); // harmless when nothing runs
}

TEST(JackBackendWithoutServer, StartSaysNoServerIsRunning) {
    AbsentJackServer absent;
    Silence silence;
    auto backend = makeBackend(BackendKind::Jack);
    const std::string error = backend->start(requestFor(""), silence);
    EXPECT_EQ(error, "JACK: no server running (start jackd or pick another backend)");
    EXPECT_FALSE(backend->running());
    // A named device does not hide the real problem.
    EXPECT_EQ(backend->start(requestFor("system"), silence), error);
}

TEST(JackBackendWithoutServer, ListingDevicesSaysNoServerIsRunning) {
    AbsentJackServer absent;
    std::string error;
    EXPECT_TRUE(listOutputDevices(BackendKind::Jack, error).empty());
    EXPECT_EQ(error, "JACK: no server running (start jackd or pick another backend)");
}

TEST(PulseBackend, UnknownDeviceGivesAnErrorNotACrash) {
    Silence silence;
    auto backend = makeBackend(BackendKind::Pulse);
    const std::string error = backend->start(requestFor("govox-no-such-device"), silence);
    std::printf("[ measured ] pulse: \"%s\"\n", error.c_str());
    EXPECT_EQ(error.rfind("PulseAudio: ", 0), 0u) << error;
    EXPECT_FALSE(backend->running());
}

TEST(BackendFactory, NamesRoundTrip) {
    for (BackendKind kind : {BackendKind::Jack, BackendKind::Alsa, BackendKind::Pulse,
                             BackendKind::Null, BackendKind::Offline}) {
        BackendKind parsed = BackendKind::Null;
        ASSERT_TRUE(parseBackendKind(backendName(kind), parsed)) << backendName(kind);
        EXPECT_EQ(parsed, kind);
        EXPECT_NE(makeBackend(kind), nullptr) << backendName(kind);
    }
    BackendKind untouched = BackendKind::Offline;
    EXPECT_FALSE(parseBackendKind("JACK", untouched)); // names are lower case
    EXPECT_FALSE(parseBackendKind("", untouched));
    EXPECT_EQ(untouched, BackendKind::Offline);
}

TEST(BackendFactory, NullAndOfflineListOnePseudoDevice) {
    for (BackendKind kind : {BackendKind::Null, BackendKind::Offline}) {
        std::string error = "stale";
        const auto devices = listOutputDevices(kind, error);
        ASSERT_EQ(devices.size(), 1u);
        EXPECT_TRUE(devices[0].isDefault);
        EXPECT_EQ(error, "");
    }
}

} // namespace
} // namespace govox::backend
