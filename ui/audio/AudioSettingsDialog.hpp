// AudioSettingsDialog.hpp - choose the audio output: backend, device, sample rate, buffer
// size and ring depth, with the latency they add up to shown as you change them.
//
// Aims
// - Applied without restarting the app: Apply (and OK, when something changed) emits
//   applied(); MainWindow restarts the stream with startWithFallback() and hands the
//   outcome back through showStartResult(), so a fallback is said here too.
// - The device list follows the hardware. For Qt Multimedia it refreshes on
//   QMediaDevices::audioOutputsChanged and by polling Qt's list (a cached copy, cheap) every
//   kPollMs while the dialog is open: Qt 6.4.2 on PulseAudio keeps that list current but
//   never emits the signal (measured; its source does not even try for removals). RtAudio
//   has no notifications and probing opens every card, so its lists refresh when the
//   backend is chosen, when the dialog is shown and on the Refresh button.
// - A device in the settings that is not connected stays selectable, marked as such, so
//   opening the dialog never silently forgets the user's choice.
//
// Threads: UI thread.
#pragma once

#include "engine/backend/AudioBackend.hpp"
#include "ui/audio/AudioSettings.hpp"
#include "ui/audio/AudioStart.hpp"

#include <QDialog>

#include <functional>
#include <string>
#include <vector>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QMediaDevices;
class QPushButton;
class QSpinBox;
class QTimer;

namespace govox::ui {

class AudioSettingsDialog final : public QDialog {
    Q_OBJECT

public:
    using DeviceLister =
        std::function<std::vector<backend::DeviceInfo>(backend::BackendKind, std::string&)>;
    static constexpr int kPollMs = 1000;

    // `lister` is how device lists are made (tests pass a fake).
    explicit AudioSettingsDialog(const AudioSettings& current, QWidget* parent = nullptr,
                                 DeviceLister lister = backend::listOutputDevices);

    // What the controls show now.
    AudioSettings settings() const;
    void setSettings(const AudioSettings& s);
    // How the last apply went: an error, a fallback notice, or what is playing.
    void showStartResult(const StartResult& result);

public slots:
    // Lists the chosen backend's devices again, keeping the selected one.
    void refreshDevices();

signals:
    void applied(const govox::ui::AudioSettings& settings);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void build();
    void buildOutputRows(QFormLayout& form);
    void buildTimingRows(QFormLayout& form);
    void connectControls();
    void onBackendChanged();
    void listDevices(backend::BackendKind kind);
    void fillDevices(const std::vector<backend::DeviceInfo>& devices, const std::string& keep);
    void fillRates(std::uint32_t keep);
    void updateLatency();
    void pollQtDevices();
    void watchQtDevices();
    void apply();
    backend::BackendKind backend() const;

    DeviceLister lister_;
    AudioSettings lastApplied_;
    std::vector<backend::DeviceInfo> devices_; // as last listed, for rates and polling
    QComboBox* backend_ = nullptr;
    QComboBox* device_ = nullptr;
    QPushButton* refresh_ = nullptr;
    QLabel* deviceStatus_ = nullptr;
    QComboBox* rate_ = nullptr;
    QComboBox* buffer_ = nullptr;
    QSpinBox* ring_ = nullptr;
    QLabel* latency_ = nullptr;
    QLabel* result_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
    QMediaDevices* mediaDevices_ = nullptr; // made when Qt Multimedia is first chosen
    QTimer* poll_ = nullptr;
    bool shownBefore_ = false;
};

} // namespace govox::ui
