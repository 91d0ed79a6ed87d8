// OfflineBackend.hpp - renders as fast as possible into a WAV file.
//
// Aims
// - The same callback that feeds a sound card renders a file: `govox render`, golden-file
//   tests, and bouncing a patch without waiting for it to play.
// - Two ways in: renderOfflineToWav() blocks until request.offlineFrames are written;
//   OfflineBackend renders on a thread of its own behind the AudioBackend interface,
//   either that many frames or until stop().
// - Errors are never dropped: a path that cannot be created fails start() (or the
//   blocking call) at once, and a write that fails later (a full disk) ends the render
//   and is reported by lastError()/wait(). The file takes its name only when the render
//   has ended well (AtomicWavFile): a failed one leaves what was there before.
// - No clock and so no xruns: a BlockGate, if given, is called before every block so the
//   producer can keep up (see BlockGate.hpp).
//
// Threads: OfflineBackend's members on one control thread; render() and the gate run on
// the backend's thread. Allocation happens when the file is opened, not per block.
#pragma once

#include "engine/backend/AudioBackend.hpp"
#include "engine/backend/BlockGate.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace govox::backend {

struct OfflineJob; // the open file and buffers of one render (OfflineBackend.cpp)

// Renders request.offlineFrames (> 0) frames in blocks of request.bufferFrames into a
// float32 stereo WAV at request.outputPath and request.sampleRate, calling `gate` (if not
// null) before each block. Blocks the calling thread, which becomes the audio thread.
// Returns an error message naming the file and the cause, or empty on success.
std::string renderOfflineToWav(const StreamRequest& request, rt::AudioCallback& callback,
                               BlockGate* gate = nullptr);

class OfflineBackend final : public AudioBackend {
public:
    static constexpr std::uint32_t kMaxBufferFrames = 65536;

    // gate: called before each block on the render thread; not owned; null for none.
    explicit OfflineBackend(BlockGate* gate = nullptr);
    ~OfflineBackend() override; // stops
    OfflineBackend(const OfflineBackend&) = delete;
    OfflineBackend& operator=(const OfflineBackend&) = delete;

    // Takes effect at the next start().
    void setBlockGate(BlockGate* gate) noexcept { gate_ = gate; }

    // Opens request.outputPath and starts rendering; offlineFrames == 0 renders until stop().
    std::string start(const StreamRequest& request, rt::AudioCallback& callback) override;
    // Ends the render after the current block, finishes the file and joins the thread.
    void stop() override;
    // False once the render has ended, by itself or by stop().
    bool running() const override;
    StreamInfo info() const override { return info_; }
    // A write or close failure of the last render; empty while it is still running.
    std::string lastError() const override;
    // Blocks until the render ends by itself (offlineFrames written, the gate declined,
    // a write failed), joins the thread and returns lastError(). Never returns if
    // offlineFrames is 0 and nobody calls stop() from another thread.
    std::string wait();

private:
    BlockGate* gate_;
    StreamInfo info_;
    std::unique_ptr<OfflineJob> job_;
    std::atomic<bool> stopRequested_{false};
    std::atomic<bool> finished_{false};
    std::string error_; // written by the render thread before finished_ is set
    std::thread thread_;
};

} // namespace govox::backend
