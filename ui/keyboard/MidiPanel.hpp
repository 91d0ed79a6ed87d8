// MidiPanel.hpp - MIDI input for the toolbar: which API and ports Govox listens to, an
// activity light, and a panic button.
//
// Aims
// - Plugging a keyboard in just works: Govox's virtual port "Govox" is always open,
//   "All inputs" connects every port there is, and "Follow new ports" connects ports
//   that appear later (polled every second; every five while the API is unavailable,
//   since each failed look makes libjack or ALSA print to stderr).
// - Connecting a port never disturbs the others: Studio::openMidi keeps the ports that
//   stay wanted open (see MidiInput), so notes held on one keyboard go on sounding while
//   another is plugged in.
// - When MIDI is unavailable (no ALSA sequencer, no JACK server) the panel says why, in
//   its status label and tooltips.
// - When the JACK server under JACK MIDI stops, the Studio closes MIDI at once; the panel
//   says so and polls every second (following new ports or not) until a server runs
//   again, then opens the same ports anew.
//
// It holds the Studio, as the other widgets do, because opening ports returns an answer
// (an error, the ports opened) that the panel must show at once and that its "follow"
// bookkeeping needs; a signal carrying the wanted configuration could not get it back.
//
// Threads: UI thread only.
#pragma once

#include "engine/midi/MidiInput.hpp"

#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace govox::ui {

class Studio;

class MidiPanel final : public QWidget {
    Q_OBJECT

public:
    // What to connect besides the virtual port.
    enum class Source { VirtualOnly, AllInputs, OnePort };

    // Opens MIDI on `studio` at once, on ALSA or (if ALSA is unavailable and JACK is not)
    // on JACK, from all inputs, following new ports. Shows the studio's message count.
    explicit MidiPanel(Studio& studio, QWidget* parent = nullptr);

    void setApi(midi::MidiApi api); // lists that API's ports and reopens on it
    midi::MidiApi api() const { return api_; }
    void setSource(Source source, const QString& port = {});
    Source source() const { return source_; }
    void setFollowNewPorts(bool follow);
    bool followNewPorts() const;
    // Lists the ports again and connects what the choice asks for (the poll does this).
    void refreshPorts();

    QStringList availablePorts() const { return available_; } // as last listed
    QStringList openedPorts() const;                          // as the studio has them
    QString errorText() const;                         // why MIDI is not (fully) working, or empty
    QString statusText() const { return statusText_; } // the status label's text, unelided
    bool activityLit() const { return lit_; }
    // The main window has its own Panic in the toolbar; a panel on its own shows one.
    void setPanicButtonVisible(bool visible);

public slots:
    // Lights the activity light for a moment whenever the count of received messages moves.
    void setMessageCount(quint64 count);

signals:
    void panicRequested();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Applied {
        midi::MidiApi api;
        std::vector<std::string> ports;
        QString error;
    };

    void buildLayout();
    void serverLost();
    void apply();
    std::vector<std::string> wantedPorts() const;
    void fillPortPicker();
    void showStatus();
    void setLit(bool lit);
    void choosePortAt(int index);

    Studio& studio_;
    midi::MidiApi api_ = midi::MidiApi::Alsa;
    Source source_ = Source::AllInputs;
    QString chosenPort_;
    QStringList available_;
    QStringList lastListed_; // the follow baseline: what the previous look saw
    QStringList appeared_;   // ports that appeared since "follow" was switched on
    bool listed_ = false;
    QString listError_;
    QString statusText_;
    std::optional<Applied> applied_;

    quint64 messageCount_ = 0;
    bool lit_ = false;
    QTimer pollTimer_;
    QTimer lightTimer_;

    QLabel* light_ = nullptr;
    QComboBox* apiPicker_ = nullptr;
    QComboBox* portPicker_ = nullptr;
    QCheckBox* follow_ = nullptr;
    QLabel* status_ = nullptr;
    QPushButton* panic_ = nullptr;
};

} // namespace govox::ui
