// OutputReturnWatch with a fake device lister: after a fallback it says once that the chosen
// output is listed again, never while the chosen output plays, not again after a return
// that did not take until the output goes away and comes back, and not for a device other
// than the chosen one.
#include "ui/audio/OutputReturnWatch.hpp"

#include <gtest/gtest.h>

#include <QCoreApplication>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace govox::ui {
namespace {

using backend::BackendKind;
using namespace std::chrono_literals;

class QtApp final : public ::testing::Environment {
public:
    void SetUp() override { app_ = std::make_unique<QCoreApplication>(argc_, argv_); }
    void TearDown() override { app_.reset(); }

private:
    int argc_ = 1;
    char name_[24] = "output_return_test";
    char* argv_[2] = {name_, nullptr};
    std::unique_ptr<QCoreApplication> app_;
};
const auto* const kQtApp = ::testing::AddGlobalTestEnvironment(new QtApp);

// What the backend lists; changed by the test while the watcher looks on its thread.
struct FakeLister {
    std::mutex mutex;
    std::vector<std::string> devices; // empty: the backend is down
    std::atomic<int> looks{0};
    std::atomic<BackendKind> askedFor{BackendKind::Null};

    void set(std::vector<std::string> names) {
        std::lock_guard lock(mutex);
        devices = std::move(names);
    }
    OutputReturnWatch::DeviceLister lister() {
        return [this](BackendKind kind, std::string& error) {
            askedFor = kind;
            std::vector<backend::DeviceInfo> out;
            {
                std::lock_guard lock(mutex);
                for (const auto& n : devices) out.push_back({n, false, {}});
            }
            if (out.empty()) error = "no server";
            ++looks;
            return out;
        };
    }
};

// Runs the event loop until `done` or the deadline; false on the deadline.
bool waitFor(const std::function<bool()>& done, std::chrono::milliseconds limit = 5s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > end) return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
    }
    return true;
}

AudioSettings jack(std::string device = {}) {
    AudioSettings s;
    s.backend = BackendKind::Jack;
    s.device = std::move(device);
    return s;
}

StartResult playing(BackendKind kind, std::string device) {
    StartResult r;
    r.playing = true;
    r.stream.backend = backend::backendName(kind);
    r.stream.device = std::move(device);
    return r;
}

struct Watcher {
    FakeLister fake;
    OutputReturnWatch watch{nullptr, fake.lister()};
    int backs = 0;
    Watcher() {
        watch.setInterval(10ms);
        QObject::connect(&watch, &OutputReturnWatch::chosenOutputBack, [this] { ++backs; });
    }
    // Lets `n` more looks happen.
    bool looks(int n) {
        const int target = fake.looks + n;
        return waitFor([&] { return fake.looks >= target; });
    }
};

TEST(OutputReturnWatch, PlayingTheChosenOutputNeedsNoWatching) {
    Watcher w;
    w.watch.started(jack(), playing(BackendKind::Jack, "system"));
    EXPECT_FALSE(w.watch.watching());
    EXPECT_TRUE(OutputReturnWatch::playsChosen(jack(), playing(BackendKind::Jack, "system")));
    EXPECT_FALSE(OutputReturnWatch::playsChosen(jack("USB"), playing(BackendKind::Jack, "system")));
    EXPECT_FALSE(OutputReturnWatch::playsChosen(jack(), playing(BackendKind::Null, "null")));
    EXPECT_FALSE(OutputReturnWatch::playsChosen(jack(), StartResult{}));
}

TEST(OutputReturnWatch, SaysOnceWhenTheChosenBackendIsBackAndStopsWhenItPlays) {
    Watcher w;
    w.watch.started(jack(), playing(BackendKind::Null, "null")); // the server died
    ASSERT_TRUE(w.watch.watching());
    ASSERT_TRUE(w.looks(3));
    EXPECT_EQ(w.backs, 0) << "nothing listed yet";
    EXPECT_EQ(w.fake.askedFor.load(), BackendKind::Jack);
    w.fake.set({"system"}); // the server is back
    ASSERT_TRUE(waitFor([&] { return w.backs == 1; }));
    w.watch.started(jack(), playing(BackendKind::Jack, "system")); // the window applied it
    EXPECT_FALSE(w.watch.watching());
}

TEST(OutputReturnWatch, NothingOpenedAtAllIsWatchedToo) {
    Watcher w;
    w.watch.started(jack(), StartResult{});
    ASSERT_TRUE(w.looks(1));
    w.fake.set({"system"});
    EXPECT_TRUE(waitFor([&] { return w.backs == 1; }));
}

TEST(OutputReturnWatch, AReturnThatDoesNotTakeWaitsForTheOutputToGoAndComeBack) {
    Watcher w;
    w.watch.started(jack(), playing(BackendKind::Null, "null"));
    w.fake.set({"system"});
    ASSERT_TRUE(waitFor([&] { return w.backs == 1; }));
    // Listed, but it would not open: the window fell back again.
    w.watch.started(jack(), playing(BackendKind::Null, "null"));
    ASSERT_TRUE(w.looks(5));
    EXPECT_EQ(w.backs, 1) << "a listed output that refuses must not make the fallback stutter";
    w.fake.set({}); // gone
    ASSERT_TRUE(w.looks(2));
    w.fake.set({"system"}); // and back
    EXPECT_TRUE(waitFor([&] { return w.backs == 2; }));
}

TEST(OutputReturnWatch, WaitsForTheChosenDeviceNotJustTheBackend) {
    Watcher w;
    w.watch.started(jack("USB DAC"), playing(BackendKind::Jack, "system")); // unplugged
    ASSERT_TRUE(w.watch.watching());
    w.fake.set({"system"});
    ASSERT_TRUE(w.looks(4));
    EXPECT_EQ(w.backs, 0) << "only the built-in output is listed";
    w.fake.set({"system", "USB DAC"});
    EXPECT_TRUE(waitFor([&] { return w.backs == 1; }));
}

TEST(OutputReturnWatch, AnAnswerAboutSettingsChangedSinceIsIgnored) {
    Watcher w;
    w.watch.started(jack("USB DAC"), playing(BackendKind::Null, "null"));
    ASSERT_TRUE(w.looks(1));
    // The user picks ALSA, which plays: nothing more to watch, whatever JACK lists.
    w.fake.set({"USB DAC"});
    AudioSettings alsa;
    alsa.backend = BackendKind::Alsa;
    w.watch.started(alsa, playing(BackendKind::Alsa, "default"));
    EXPECT_FALSE(w.watch.watching());
    QCoreApplication::processEvents(QEventLoop::AllEvents, 50); // a late answer, if any
    EXPECT_EQ(w.backs, 0);
}

} // namespace
} // namespace govox::ui
