// ParamInfo.hpp - one parameter as a voice host declares it (govox_param_desc, copied out
// of shared memory and made safe to use: a range that is not a range is widened).
//
// Threads: a plain value; any thread.
#pragma once

#include <cstdint>
#include <string>

namespace govox::host {

struct ParamInfo {
    std::uint32_t index = 0;
    std::string name;
    std::string unit;
    float min = 0, max = 1, defaultValue = 0;
    std::uint32_t curve = 0; // govox_param_curve
};

} // namespace govox::host
