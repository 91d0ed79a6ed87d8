// CacheDemote.hpp - hands ring lines the reader has finished with back to the shared cache.
//
// Aims
// - The writer of a ring (another core, usually another process) overwrites each line one
//   ring after the reader took it. While the reader's core still holds the line, that write
//   must first take it back from the reader's core: a cross-core snoop per line, on the
//   writer's critical path. CLDEMOTE moves the lines to the last-level cache both cores
//   share, where the writer's next write finds them. With the ring benchmark's two threads
//   on two cores this made 1 KiB transfers about 30 % faster (docs/benchmarks.md).
// - A hint only, never needed for correctness: executed only where CPUID reports it (checked
//   once when the program loads), nothing elsewhere.
//
// Threads: any. noexcept, allocation-free, safe on the audio thread.
#pragma once

#include "engine/rt/RealtimeAttributes.hpp"

#include <cstddef>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define GOVOX_HAS_CLDEMOTE_PATH 1
#endif

namespace govox::rt {

#ifdef GOVOX_HAS_CLDEMOTE_PATH
namespace detail {

inline bool cpuHasCldemote() noexcept {
    unsigned a = 0, b = 0, c = 0, d = 0;
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) != 0 && (c & bit_CLDEMOTE) != 0;
}

inline const bool kCpuHasCldemote = cpuHasCldemote();

__attribute__((target("cldemote"))) inline void
demoteLines(std::uintptr_t from, std::uintptr_t to) noexcept GOVOX_NONBLOCKING {
    for (std::uintptr_t line = from & ~std::uintptr_t{63}; line < to; line += 64)
        _cldemote(reinterpret_cast<void*>(line));
}

} // namespace detail
#endif

// Demotes the cache lines holding floats [p, p + count) from this core's caches.
inline void demoteFromThisCore(const float* p, std::size_t count) noexcept GOVOX_NONBLOCKING {
#ifdef GOVOX_HAS_CLDEMOTE_PATH
    if (!detail::kCpuHasCldemote || count == 0) return;
    const auto from = reinterpret_cast<std::uintptr_t>(p);
    detail::demoteLines(from, from + count * sizeof(float));
#else
    (void)p;
    (void)count;
#endif
}

} // namespace govox::rt
