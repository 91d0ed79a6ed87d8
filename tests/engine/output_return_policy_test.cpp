// audio::OutputReturn, the policy the window and `govox play` share, with a fake device
// list: a return is due once when the chosen output comes back, never while it plays, not
// again after a return that did not take until the output goes away and comes back, and
// not for another device than the chosen one.
#include "engine/audio/OutputReturn.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using govox::audio::ChosenOutput;
using govox::audio::OutputReturn;
using govox::backend::BackendKind;
using govox::backend::StreamInfo;

struct FakeBackend {
    std::vector<std::string> listed; // empty: the server is down
    int looks = 0;
    OutputReturn::DeviceLister lister() {
        return [this](BackendKind, std::string& error) {
            ++looks;
            std::vector<govox::backend::DeviceInfo> out;
            for (const auto& n : listed) out.push_back({n, false, {}});
            if (out.empty()) error = "no server";
            return out;
        };
    }
};

StreamInfo stream(BackendKind kind, std::string device) {
    StreamInfo s;
    s.backend = govox::backend::backendName(kind);
    s.device = std::move(device);
    return s;
}

const ChosenOutput kJack{BackendKind::Jack, ""};

TEST(OutputReturnPolicy, WatchesOnlyWhileTheChosenOutputDoesNotPlay) {
    FakeBackend fake;
    OutputReturn r(fake.lister());
    r.started(kJack, true, stream(BackendKind::Jack, "system"));
    EXPECT_FALSE(r.watching());
    EXPECT_FALSE(r.lookNow());
    EXPECT_EQ(0, fake.looks) << "looked although the chosen output plays";
    r.started(kJack, true, stream(BackendKind::Null, "null"));
    EXPECT_TRUE(r.watching());
    r.started(kJack, false, {});
    EXPECT_TRUE(r.watching()) << "nothing opened at all";
}

TEST(OutputReturnPolicy, ADueReturnIsSaidOnceWhenTheOutputComesBack) {
    FakeBackend fake;
    OutputReturn r(fake.lister());
    r.started(kJack, true, stream(BackendKind::Null, "null"));
    EXPECT_FALSE(r.lookNow());
    fake.listed = {"system"};
    EXPECT_TRUE(r.lookNow());
    EXPECT_FALSE(r.lookNow()) << "said twice";
    r.started(kJack, true, stream(BackendKind::Jack, "system"));
    EXPECT_FALSE(r.watching());
}

TEST(OutputReturnPolicy, AReturnThatDidNotTakeWaitsForTheOutputToGoAndComeBack) {
    FakeBackend fake;
    OutputReturn r(fake.lister());
    r.started(kJack, true, stream(BackendKind::Null, "null"));
    fake.listed = {"system"};
    ASSERT_TRUE(r.lookNow());
    r.started(kJack, true, stream(BackendKind::Null, "null")); // listed, but would not open
    for (int i = 0; i < 5; ++i) EXPECT_FALSE(r.lookNow()) << "flapping on look " << i;
    fake.listed = {};
    EXPECT_FALSE(r.lookNow());
    fake.listed = {"system"};
    EXPECT_TRUE(r.lookNow()) << "back after going away";
}

TEST(OutputReturnPolicy, AnotherDeviceOfTheBackendIsNotTheChosenOne) {
    FakeBackend fake;
    OutputReturn r(fake.lister());
    const ChosenOutput usb{BackendKind::Alsa, "USB Audio"};
    r.started(usb, true, stream(BackendKind::Alsa, "default"));
    EXPECT_TRUE(r.watching());
    fake.listed = {"default", "HDMI"};
    EXPECT_FALSE(r.lookNow());
    fake.listed = {"default", "USB Audio"};
    EXPECT_TRUE(r.lookNow());
}

} // namespace
