// MidiLearn.hpp - which MIDI controller moves which parameter, and learning a new pair:
// arm a parameter, move a controller, and from then on that controller sweeps the
// parameter across its range through its curve.
//
// Aims
// - A mapped controller belongs to its parameter: its messages move the parameter and
//   are consumed, never also sent to the voice as a CC. Unmapped controllers reach the
//   voice as before.
// - One controller per parameter and one parameter per controller (on a channel): a new
//   mapping replaces any older one of either.
// - Mappings are by parameter name (presets::MidiMapping), so presets store them and a
//   reload keeps them. A mapping whose parameter the voice no longer declares is kept
//   (a later build or another preset may bring the parameter back) but lets its
//   controller through.
// - MIDI arrives on the MIDI dispatcher's thread while the UI edits the table: route()
//   works under a mutex (never touched by the audio thread) and hands what the UI must
//   show to the UI thread with queued calls.
//
// Threads: route() from any thread (MIDI). Everything else, and every signal, on the
// thread this object lives in (the UI thread).
#pragma once

#include "engine/host/ParamInfo.hpp"
#include "ui/presets/ParamCurve.hpp"
#include "ui/presets/Preset.hpp"

#include <QList>
#include <QObject>
#include <QString>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace govox::ui {

class MidiLearn final : public QObject {
    Q_OBJECT

public:
    // What to do with one Control Change.
    struct Route {
        bool consumed = false; // true: do not send it to the voice
        std::string param;     // non-empty: set this parameter ...
        double value = 0;      // ... to this value (in its own units)
        bool learnt = false;   // this message taught its controller to the armed parameter
    };

    explicit MidiLearn(QObject* parent = nullptr);

    // The next Control Change (channel mode messages, CC 120-127, excepted) maps its
    // controller and channel to `param`. Arming another parameter, or disarm(), cancels.
    void arm(const QString& param);
    void disarm();
    QString armedParam() const;

    QList<presets::MidiMapping> mappings() const;
    // Replaces every mapping (a preset load). Later entries win over earlier ones that
    // share a controller or a parameter; out-of-range channels and controllers are dropped.
    void setMappings(const QList<presets::MidiMapping>& mappings);
    void clearMapping(const QString& param);
    std::optional<presets::MidiMapping> mappingFor(const QString& param) const;

    // The parameters the voice declares now (a voice opened, a reload): their ranges and
    // curves are what mapped controllers sweep.
    void setParams(const std::vector<host::ParamInfo>& params);

    // MIDI thread (or any): routes one Control Change. Does not block for long (a short
    // mutex shared with the UI's edits) and never allocates but for a mapped parameter's name.
    Route route(int channel, int controller, int value);
    // MIDI thread (or any), after the route's parameter has been set: tells the UI (the
    // signals below, queued to this object's thread). Apart from route() so that the
    // voice hears the controller first: posting to the UI may wait on Qt's event queue.
    void announce(const Route& route);

signals:
    // Which parameter is waiting for a controller; empty when none.
    void learningChanged(const QString& param);
    void mappingsChanged();
    // A mapped controller set `param` to `value` (the voice has it already).
    void paramMoved(const QString& param, double value);

private:
    struct Entry {
        presets::MidiMapping mapping;
        std::string key; // the parameter's lookup key, made once rather than per message
    };
    struct Declared {
        std::string name; // as the voice spells it
        ParamCurve curve;
    };

    static std::string key(const QString& name); // case-insensitive, as the SDK looks names up
    void insertLocked(const presets::MidiMapping& mapping);
    void post(bool learnt, const std::string& param, double value); // to the UI thread

    mutable std::mutex mutex_; // the MIDI thread's route() against the UI's edits
    std::vector<Entry> entries_;
    std::map<std::string, Declared> params_; // by key
    QString armed_;
};

} // namespace govox::ui
