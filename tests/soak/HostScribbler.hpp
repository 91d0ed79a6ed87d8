// HostScribbler.hpp - plays a voice host that scribbles over its own shared memory: maps
// the host's region (its descriptor 3, through /proc) and overwrites the ring indices of
// every sounding voice with impossible values.
//
// The write index gets a value a quarter of the index space ahead of the reader (no ring
// is that long) and the read index one that is ahead of the writer: both sides must
// notice, neither may read or write out of bounds. The host's own next write repairs its
// index, as a real scribble would leave it; what matters is that the engine caught it.
//
// Threads: any (maps the region for the duration of the call).
#pragma once

#include <string>
#include <sys/types.h>

namespace govox::soak {

// The number of voices overwritten, or 0 with `error` saying why none could be.
int scribbleRingIndices(pid_t host, std::string& error);

} // namespace govox::soak
