// ParamCarry.hpp - parameter values carried across reopening a voice. An audio restart
// closes the voice (its hosts were made for the old stream's rate and block size) and
// opens it again on the new stream; the same voice opened again, for whatever reason,
// keeps its values by name. Another voice starts from its own defaults.
//
// Threads: the UI thread.
#pragma once

#include "engine/session/VoiceSession.hpp"

#include <QString>

#include <map>
#include <string>

namespace govox::ui {

class ParamCarry {
public:
    using Values = std::map<std::string, float>;

    // The values `voice` (opened from `dir`) plays with now, to be given back when `dir`
    // opens again.
    void keep(const QString& dir, const session::VoiceSession& voice);
    // The values for a voice opened from `dir`: those of `playing` if it is the same voice
    // (opened from `playingDir`), else those kept for `dir`, else none. Forgets what was
    // kept either way.
    Values take(const QString& dir, const QString& playingDir,
                const session::VoiceSession* playing);

    static Values valuesOf(const session::VoiceSession& voice);

private:
    QString dir_;
    Values values_;
};

} // namespace govox::ui
