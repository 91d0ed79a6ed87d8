// ParamPoint.hpp - one point of parameter automation in an offline render: at this time,
// this parameter takes this value (in its own units), applied at its frame like a MIDI
// event (LockstepDriver sends it as a PARAM_CHANGE).
//
// Threads: a value type; any thread.
#pragma once

#include <cstdint>

namespace govox::render {

struct ParamPoint {
    double seconds = 0;      // from the start of the song
    std::uint32_t index = 0; // the voice's parameter index (host::ParamInfo::index)
    float value = 0;         // in the parameter's own units, already within its range
};

} // namespace govox::render
