// MonotonicClock.hpp - a clock the audio thread may read.
//
// clock_gettime(CLOCK_MONOTONIC) is served by the vDSO without entering the kernel and
// without locks; RealtimeSanitizer does not flag it (its test build runs this path).
// The compiler cannot see that through the libc declaration, so the function-effects
// warning is silenced here, in the one place that needs it.
#pragma once

#include "engine/rt/RealtimeAttributes.hpp"

#include <cstdint>
#include <ctime>

namespace govox::rt {

#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wunknown-warning-option"
#pragma clang diagnostic ignored "-Wfunction-effects"
#endif
inline std::uint64_t monotonicNs() noexcept GOVOX_NONBLOCKING {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1000000000ull +
           static_cast<std::uint64_t>(ts.tv_nsec);
}
#if defined(__clang__)
#pragma clang diagnostic pop
#endif

} // namespace govox::rt
