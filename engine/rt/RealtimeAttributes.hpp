// RealtimeAttributes.hpp - marks for code that runs on the audio thread.
//
// GOVOX_NONBLOCKING goes after noexcept: `void process() noexcept GOVOX_NONBLOCKING;`.
// It marks a function that must not allocate, free, lock, do I/O, log,
// throw or wait. With clang it is [[clang::nonblocking]]: RealtimeSanitizer
// (-fsanitize=realtime) then aborts with a report when such a function, or anything it
// calls, does one of those things, and -Wfunction-effects checks calls it can see. Other
// compilers ignore it; the RealtimeSanitizer test build is what proves the rule.
#pragma once

#if defined(__clang__) && defined(__has_cpp_attribute)
#if __has_cpp_attribute(clang::nonblocking)
#define GOVOX_NONBLOCKING [[clang::nonblocking]]
#endif
#endif

#ifndef GOVOX_NONBLOCKING
#define GOVOX_NONBLOCKING
#endif

// GOVOX_VECTOR_CLONES compiles a hot loop twice, for AVX2 and for the x86-64 baseline, and
// picks one when the program loads (GCC and clang function multi-versioning): Debian
// binaries must run on any x86-64, yet most machines can do eight floats at a time.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) &&                            \
    !defined(__SANITIZE_ADDRESS__)
#define GOVOX_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define GOVOX_VECTOR_CLONES
#endif
