#include "ui/studio/ParamCarry.hpp"

namespace govox::ui {

ParamCarry::Values ParamCarry::valuesOf(const session::VoiceSession& voice) {
    Values values;
    for (const host::ParamInfo& p : voice.params()) values[p.name] = voice.paramValue(p.name);
    return values;
}

void ParamCarry::keep(const QString& dir, const session::VoiceSession& voice) {
    dir_ = dir;
    values_ = valuesOf(voice);
}

ParamCarry::Values ParamCarry::take(const QString& dir, const QString& playingDir,
                                    const session::VoiceSession* playing) {
    Values out;
    if (playing && dir == playingDir)
        out = valuesOf(*playing);
    else if (dir == dir_)
        out = std::move(values_);
    dir_.clear();
    values_.clear();
    return out;
}

} // namespace govox::ui
