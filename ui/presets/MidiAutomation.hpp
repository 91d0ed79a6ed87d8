// MidiAutomation.hpp - a preset's MIDI-learn mappings applied to a MIDI file for an offline
// render, as the window applies them live (ui/studio/MidiLearn): a Control Change whose
// controller and channel a mapping names moves that parameter, through the parameter's
// curve, at the message's time, and does not reach the voice; everything else does.
//
// Aims
// - `govox render --preset` sounds like the window playing the same file with the same
//   preset: knob automation recorded as controllers lands on its frames, sample-accurate,
//   through the render's parameter lane (render::ParamPoint, LockstepDriver).
// - The same rules as MIDI learn: channel mode messages (CC 120-127) are never mapped; a
//   mapping for a parameter the voice does not declare lets its controller through; of
//   two mappings for one controller, the later wins.
//
// Threads: a pure function; any thread.
#pragma once

#include "engine/host/ParamInfo.hpp"
#include "engine/midi/MidiFile.hpp"
#include "engine/render/ParamPoint.hpp"
#include "ui/presets/Preset.hpp"

#include <QList>

#include <vector>

namespace govox::presets {

struct MappedSong {
    std::vector<midi::TimedMessage> messages;   // what still goes to the voice
    std::vector<render::ParamPoint> automation; // the mapped controllers, as values
};

MappedSong applyMidiMappings(const std::vector<midi::TimedMessage>& messages,
                             const QList<MidiMapping>& mappings,
                             const std::vector<host::ParamInfo>& params);

} // namespace govox::presets
