// BlockGate.hpp - lets a driver step an offline render block by block.
//
// Offline rendering runs faster than real time, so a voice host filling its rings on a
// timer would fall behind and every voice would underrun. A gate is called before each
// block, on the rendering thread, and may do what the host needs first (a test calls
// ToneVoiceHost::fillOnce(); a lockstep mode would wait for the host's go-ahead). It is the
// offline path's only hook; the real-time backends have none.
//
// Threads: beforeBlock() on the offline render thread, which it may block.
#pragma once

#include <cstdint>

namespace govox::backend {

class BlockGate {
public:
    virtual ~BlockGate() = default;
    // `frame` is the number of frames rendered so far. Returning false ends the render
    // cleanly there: the file keeps everything before it. May block; not the audio thread.
    virtual bool beforeBlock(std::uint64_t frame) = 0;
};

} // namespace govox::backend
