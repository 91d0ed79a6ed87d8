#include "ui/presets/MidiAutomation.hpp"

#include "ui/presets/ParamCurve.hpp"

#include <algorithm>

namespace govox::presets {
namespace {

constexpr int kFirstModeMessage = 120; // CC 120-127 are channel mode messages

// The parameter the last matching mapping names, or null (none, or one the voice lacks).
const host::ParamInfo* mappedParam(const QList<MidiMapping>& mappings,
                                   const std::vector<host::ParamInfo>& params, int channel,
                                   int controller) {
    for (auto m = mappings.crbegin(); m != mappings.crend(); ++m) {
        if (m->controller != controller || (m->channel != -1 && m->channel != channel)) continue;
        for (const host::ParamInfo& p : params)
            if (QString::fromStdString(p.name).compare(m->param, Qt::CaseInsensitive) == 0)
                return &p;
        return nullptr;
    }
    return nullptr;
}

} // namespace

MappedSong applyMidiMappings(const std::vector<midi::TimedMessage>& messages,
                             const QList<MidiMapping>& mappings,
                             const std::vector<host::ParamInfo>& params) {
    MappedSong out;
    for (const midi::TimedMessage& m : messages) {
        const host::ParamInfo* param = nullptr;
        if ((m.status & 0xF0) == 0xB0 && m.data1 < kFirstModeMessage)
            param = mappedParam(mappings, params, m.status & 0x0F, m.data1);
        if (param == nullptr) {
            out.messages.push_back(m);
            continue;
        }
        const double position = std::min<int>(m.data2, 127) / 127.0;
        out.automation.push_back({m.seconds, param->index,
                                  static_cast<float>(ui::ParamCurve(*param).valueAt(position))});
    }
    return out;
}

} // namespace govox::presets
