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
