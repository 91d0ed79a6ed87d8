// AudioSettingsDialog with a fake device lister: the latency label follows buffer, ring and
// rate; the device list refreshes and keeps the user's choice; Apply emits the settings.
#include "ui/audio/AudioSettingsDialog.hpp"

#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

#include <cstdlib>
#include <map>
#include <memory>
#include <vector>

namespace govox::ui {
namespace {

using backend::BackendKind;
using backend::DeviceInfo;

// One QApplication for the program, offscreen: a test never opens a window on the desktop.
class QtApp final : public ::testing::Environment {
public:
    void SetUp() override {
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        app_ = std::make_unique<QApplication>(argc_, argv_);
    }
    void TearDown() override { app_.reset(); }

private:
    int argc_ = 1;
    char name_[16] = "dialog_test";
    char* argv_[2] = {name_, nullptr};
    std::unique_ptr<QApplication> app_;
};
const auto* const kQtApp = ::testing::AddGlobalTestEnvironment(new QtApp);

// Devices per backend that a test can change between refreshes; counts the listings.
struct FakeDevices {
    std::map<BackendKind, std::vector<DeviceInfo>> devices;
    std::map<BackendKind, int> listed;
    AudioSettingsDialog::DeviceLister lister() {
        return [this](BackendKind k, std::string& error) {
            ++listed[k];
            if (!devices.count(k)) error = "no server running";
            return devices[k];
        };
    }
};

struct DialogFixture : ::testing::Test {
    FakeDevices fake;
    AudioSettings initial;
    std::unique_ptr<AudioSettingsDialog> dialog;

    void open() { dialog = std::make_unique<AudioSettingsDialog>(initial, nullptr, fake.lister()); }
    template <typename W>
    W* child(const char* name) {
        W* w = dialog->findChild<W*>(name);
        EXPECT_NE(w, nullptr) << name;
        return w;
    }
    QString latency() { return child<QLabel>("latency")->text(); }
    QStringList deviceItems() {
        QStringList items;
        auto* combo = child<QComboBox>("device");
        for (int i = 0; i < combo->count(); ++i) items << combo->itemText(i);
        return items;
    }
    void select(const char* combo, const QVariant& data) {
        auto* c = child<QComboBox>(combo);
        const int i = c->findData(data);
        ASSERT_GE(i, 0) << combo << " has no " << data.toString().toStdString();
        c->setCurrentIndex(i);
    }
};

TEST_F(DialogFixture, ShowsTheSettingsItWasGiven) {
    fake.devices[BackendKind::Alsa] = {{"Built-in", true, {}}, {"USB DAC", false, {}}};
    initial.backend = BackendKind::Alsa;
    initial.device = "USB DAC";
    initial.sampleRate = 96000;
    initial.bufferFrames = 256;
    initial.ringFrames = 2000;
    open();
    EXPECT_EQ(dialog->settings(), initial);
    EXPECT_EQ(deviceItems(),
              (QStringList{"Default output", "Built-in (system default)", "USB DAC"}));
}

TEST_F(DialogFixture, LatencyFollowsBufferRingAndRateAsTheyChange) {
    open(); // 128 + 1024 frames at 48 kHz
    EXPECT_EQ(latency(), "note-on and controls 2.7 ms (one buffer at 48000 Hz); a voice without "
                         "rollback hears controls after 24.0 ms (buffer 2.7 ms + ring 21.3 ms)");
    child<QSpinBox>("ringFrames")->setValue(2048);
    EXPECT_TRUE(latency().endsWith("after 45.3 ms (buffer 2.7 ms + ring 42.7 ms)"))
        << latency().toStdString();
    select("bufferFrames", 256u);
    EXPECT_TRUE(latency().endsWith("after 48.0 ms (buffer 5.3 ms + ring 42.7 ms)"))
        << latency().toStdString();
    EXPECT_TRUE(latency().startsWith("note-on and controls 5.3 ms")) << latency().toStdString();
    select("sampleRate", 96000u);
    EXPECT_TRUE(latency().startsWith("note-on and controls 2.7 ms (one buffer at 96000 Hz)"))
        << latency().toStdString();
    EXPECT_TRUE(latency().endsWith("after 24.0 ms (buffer 2.7 ms + ring 21.3 ms)"))
        << latency().toStdString();
}

TEST_F(DialogFixture, QtMultimediaSaysItBuffersMore) {
    fake.devices[BackendKind::Qt] = {{"Speakers", true, {48000}}};
    initial.backend = BackendKind::Qt;
    open();
    EXPECT_TRUE(latency().contains("Qt Multimedia adds at least 60 ms")) << latency().toStdString();
}

TEST_F(DialogFixture, RefreshKeepsTheChoiceAndMarksADeviceThatIsGone) {
    fake.devices[BackendKind::Alsa] = {{"Built-in", true, {}}, {"USB DAC", false, {}}};
    initial.backend = BackendKind::Alsa;
    initial.device = "USB DAC";
    open();
    fake.devices[BackendKind::Alsa] = {{"Built-in", true, {}}}; // unplugged
    child<QPushButton>("refresh")->click();
    EXPECT_EQ(deviceItems(), (QStringList{"Default output", "Built-in (system default)",
                                          "USB DAC (not connected)"}));
    EXPECT_EQ(dialog->settings().device, "USB DAC");
    fake.devices[BackendKind::Alsa] = {
        {"Built-in", true, {}}, {"HDMI", false, {}}, {"USB DAC", false, {}}}; // back, and a new one
    dialog->refreshDevices();
    EXPECT_EQ(deviceItems(),
              (QStringList{"Default output", "Built-in (system default)", "HDMI", "USB DAC"}));
    EXPECT_EQ(dialog->settings().device, "USB DAC");
}

TEST_F(DialogFixture, ABackendThatCannotListSaysWhy) {
    open(); // JACK, which the fake cannot list
    EXPECT_EQ(child<QLabel>("deviceStatus")->text(), "no server running");
    EXPECT_EQ(deviceItems(), QStringList{"Default output"});
}

TEST_F(DialogFixture, ChoosingABackendListsItsDevicesAndStartsFromItsDefault) {
    fake.devices[BackendKind::Pulse] = {{"PulseAudio", true, {44100, 48000}}};
    initial.device = "system";
    open();
    select("backend", static_cast<int>(BackendKind::Pulse));
    EXPECT_EQ(fake.listed[BackendKind::Pulse], 1);
    EXPECT_EQ(deviceItems(), (QStringList{"Default output", "PulseAudio (system default)"}));
    EXPECT_EQ(dialog->settings().device, "");
    EXPECT_EQ(child<QLabel>("deviceStatus")->text(), "");
}

TEST_F(DialogFixture, RatesAreTheDevicesOwnWhenItSays) {
    fake.devices[BackendKind::Alsa] = {{"Built-in", true, {}}, {"USB DAC", false, {44100, 48000}}};
    initial.backend = BackendKind::Alsa;
    open();
    auto* rate = child<QComboBox>("sampleRate");
    EXPECT_EQ(rate->count(), 4); // the default device does not say: the standard rates
    select("device", QString("USB DAC"));
    ASSERT_EQ(rate->count(), 2);
    EXPECT_EQ(rate->itemData(0).toUInt(), 44100u);
    EXPECT_EQ(dialog->settings().sampleRate, 48000u);
}

TEST_F(DialogFixture, ApplyEmitsTheSettingsAndOkOnlyWhenChanged) {
    open();
    std::vector<AudioSettings> applied;
    QObject::connect(dialog.get(), &AudioSettingsDialog::applied,
                     [&](const AudioSettings& s) { applied.push_back(s); });
    auto* buttons = dialog->findChild<QDialogButtonBox*>();
    ASSERT_NE(buttons, nullptr);
    child<QSpinBox>("ringFrames")->setValue(4096);
    buttons->button(QDialogButtonBox::Apply)->click();
    ASSERT_EQ(applied.size(), 1u);
    EXPECT_EQ(applied[0].ringFrames, 4096u);
    buttons->button(QDialogButtonBox::Ok)->click(); // nothing changed since Apply
    EXPECT_EQ(applied.size(), 1u);
    EXPECT_EQ(dialog->result(), QDialog::Accepted);
}

TEST_F(DialogFixture, TheStartResultIsShown) {
    open();
    StartResult r;
    r.playing = true;
    r.notice = "Device 'USB DAC' is not connected; playing through 'Built-in' instead";
    dialog->showStartResult(r);
    EXPECT_EQ(child<QLabel>("result")->text(), r.notice);
    r.notice.clear();
    r.stream = {"jack", "system", 48000, 128, 0};
    dialog->showStartResult(r);
    EXPECT_EQ(child<QLabel>("result")->text(),
              "Playing through JACK 'system' at 48000 Hz, 128-frame buffer");
}

} // namespace
} // namespace govox::ui
