#include "ui/studio/MidiLearn.hpp"

#include <QMetaObject>

#include <algorithm>

namespace govox::ui {
namespace {

// CC 120-127 are channel mode messages (all sound off, reset, all notes off, ...): a
// panic button must keep working, so they are never learnt.
constexpr int kFirstModeMessage = 120;

bool channelsOverlap(int a, int b) {
    return a < 0 || b < 0 || a == b;
}

} // namespace

MidiLearn::MidiLearn(QObject* parent) : QObject(parent) {}

std::string MidiLearn::key(const QString& name) {
    return name.toLower().toStdString();
}

void MidiLearn::arm(const QString& param) {
    {
        std::lock_guard lock(mutex_);
        armed_ = param;
    }
    emit learningChanged(param);
}

void MidiLearn::disarm() {
    {
        std::lock_guard lock(mutex_);
        if (armed_.isEmpty()) return;
        armed_.clear();
    }
    emit learningChanged({});
}

QString MidiLearn::armedParam() const {
    std::lock_guard lock(mutex_);
    return armed_;
}

QList<presets::MidiMapping> MidiLearn::mappings() const {
    std::lock_guard lock(mutex_);
    QList<presets::MidiMapping> out;
    for (const Entry& e : entries_) out.append(e.mapping);
    return out;
}

void MidiLearn::setMappings(const QList<presets::MidiMapping>& mappings) {
    {
        std::lock_guard lock(mutex_);
        entries_.clear();
        for (const presets::MidiMapping& m : mappings) {
            const bool valid = m.channel >= -1 && m.channel <= 15 && m.controller >= 0 &&
                               m.controller < kFirstModeMessage && !m.param.isEmpty();
            if (valid) insertLocked(m);
        }
    }
    emit mappingsChanged();
}

void MidiLearn::clearMapping(const QString& param) {
    {
        std::lock_guard lock(mutex_);
        const std::string k = key(param);
        if (std::erase_if(entries_, [&](const Entry& e) { return e.key == k; }) == 0) return;
    }
    emit mappingsChanged();
}

std::optional<presets::MidiMapping> MidiLearn::mappingFor(const QString& param) const {
    std::lock_guard lock(mutex_);
    const std::string k = key(param);
    for (const Entry& e : entries_)
        if (e.key == k) return e.mapping;
    return std::nullopt;
}

void MidiLearn::setParams(const std::vector<host::ParamInfo>& params) {
    std::map<std::string, Declared> table;
    for (const host::ParamInfo& p : params)
        table[key(QString::fromStdString(p.name))] = Declared{p.name, ParamCurve(p)};
    std::lock_guard lock(mutex_);
    params_ = std::move(table);
}

void MidiLearn::insertLocked(const presets::MidiMapping& mapping) {
    const std::string k = key(mapping.param);
    std::erase_if(entries_, [&](const Entry& e) {
        const bool sameController = e.mapping.controller == mapping.controller &&
                                    channelsOverlap(e.mapping.channel, mapping.channel);
        return e.key == k || sameController;
    });
    entries_.push_back(Entry{mapping, k});
}

MidiLearn::Route MidiLearn::route(int channel, int controller, int value) {
    Route r;
    if (controller < 0 || controller >= kFirstModeMessage) return r;
    const double position = std::clamp(value, 0, 127) / 127.0;
    bool learnt = false;
    {
        std::lock_guard lock(mutex_);
        if (!armed_.isEmpty()) {
            insertLocked(presets::MidiMapping{channel, controller, armed_});
            armed_.clear();
            learnt = true;
        }
        for (const Entry& e : entries_) {
            if (e.mapping.controller != controller || !channelsOverlap(e.mapping.channel, channel))
                continue;
            const auto p = params_.find(e.key);
            if (p == params_.end()) break; // the voice has no such parameter now: let it through
            r.consumed = true;
            r.param = p->second.name;
            r.value = p->second.curve.valueAt(position);
            break;
        }
        // The message that taught a controller is the user's, whatever the voice declares.
        if (learnt) r.consumed = true;
    }
    r.learnt = learnt;
    return r;
}

void MidiLearn::announce(const Route& route) {
    if (route.learnt || !route.param.empty()) post(route.learnt, route.param, route.value);
}

// Signals go out on this object's thread: the caller may be MIDI's dispatcher. A queued
// call is dropped if this object is gone by then.
void MidiLearn::post(bool learnt, const std::string& param, double value) {
    QMetaObject::invokeMethod(
        this,
        [this, learnt, name = QString::fromStdString(param), value] {
            if (learnt) {
                emit learningChanged({});
                emit mappingsChanged();
            }
            if (!name.isEmpty()) emit paramMoved(name, value);
        },
        Qt::QueuedConnection);
}

} // namespace govox::ui
