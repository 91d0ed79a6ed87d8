#include "engine/backend/OfflineBackend.hpp"

#include "engine/backend/AtomicWavFile.hpp"

#include <algorithm>
#include <system_error>
#include <vector>

namespace govox::backend {

struct OfflineJob {
    AtomicWavFile file; // under its name only once the render has ended well
    std::vector<float> left;
    std::vector<float> right;
    std::uint32_t blockFrames = 0;
    std::uint64_t totalFrames = 0; // 0: until stopped
};

namespace {

std::string checkRequest(const StreamRequest& r) {
    if (r.outputPath.empty()) return "offline: no output file given (outputPath is empty)";
    if (r.sampleRate == 0) return "offline: the sample rate must be above 0 Hz";
    if (r.bufferFrames == 0 || r.bufferFrames > OfflineBackend::kMaxBufferFrames)
        return "offline: the block size must be 1 to " +
               std::to_string(OfflineBackend::kMaxBufferFrames) + " frames";
    return {};
}

// Validates the request, opens the file and allocates every buffer the render needs.
std::string prepare(const StreamRequest& r, OfflineJob& job) {
    if (std::string error = checkRequest(r); !error.empty()) return error;
    if (std::string error = job.file.open(r.outputPath, r.sampleRate, r.bufferFrames);
        !error.empty())
        return "offline: " + error;
    job.left.assign(r.bufferFrames, 0.0f);
    job.right.assign(r.bufferFrames, 0.0f);
    job.blockFrames = r.bufferFrames;
    job.totalFrames = r.offlineFrames;
    return {};
}

// The render loop of both ways in. The file takes its name only if every block was
// written (a render stopped on request has ended well); returns the first failure.
std::string renderJob(OfflineJob& job, rt::AudioCallback& callback, BlockGate* gate,
                      const std::atomic<bool>& stop) {
    std::string error;
    std::uint64_t done = 0;
    while (job.totalFrames == 0 || done < job.totalFrames) {
        if (stop.load(std::memory_order_acquire)) break;
        if (gate != nullptr && !gate->beforeBlock(done)) break;
        std::uint32_t n = job.blockFrames;
        if (job.totalFrames != 0)
            n = static_cast<std::uint32_t>(std::min<std::uint64_t>(n, job.totalFrames - done));
        callback.render(job.left.data(), job.right.data(), n);
        error = job.file.write(job.left.data(), job.right.data(), n);
        if (!error.empty()) break;
        done += n;
    }
    if (error.empty()) error = job.file.commit();
    return error.empty() ? error : "offline: " + error;
}

} // namespace

std::string renderOfflineToWav(const StreamRequest& request, rt::AudioCallback& callback,
                               BlockGate* gate) {
    if (request.offlineFrames == 0)
        return "offline: a blocking render needs a length (offlineFrames is 0)";
    OfflineJob job;
    if (std::string error = prepare(request, job); !error.empty()) return error;
    const std::atomic<bool> never{false};
    return renderJob(job, callback, gate, never);
}

OfflineBackend::OfflineBackend(BlockGate* gate) : gate_(gate) {}

OfflineBackend::~OfflineBackend() {
    stop();
}

std::string OfflineBackend::start(const StreamRequest& request, rt::AudioCallback& callback) {
    if (running()) return "offline: already running; stop it first";
    if (thread_.joinable()) thread_.join(); // the last render ended by itself
    error_.clear();
    auto job = std::make_unique<OfflineJob>();
    if (std::string error = prepare(request, *job); !error.empty()) return error;
    info_ = StreamInfo{backendName(BackendKind::Offline), request.outputPath, request.sampleRate,
                       request.bufferFrames, 0};
    job_ = std::move(job);
    stopRequested_.store(false);
    finished_.store(false);
    try {
        thread_ = std::thread([this, &callback, gate = gate_] {
            error_ = renderJob(*job_, callback, gate, stopRequested_);
            finished_.store(true, std::memory_order_release);
        });
    } catch (const std::system_error& e) {
        job_.reset();
        return std::string("offline: cannot start the render thread: ") + e.what();
    }
    return {};
}

void OfflineBackend::stop() {
    if (!thread_.joinable()) return;
    stopRequested_.store(true, std::memory_order_release);
    thread_.join();
    job_.reset();
}

bool OfflineBackend::running() const {
    return thread_.joinable() && !finished_.load(std::memory_order_acquire);
}

std::string OfflineBackend::lastError() const {
    return finished_.load(std::memory_order_acquire) ? error_ : std::string();
}

std::string OfflineBackend::wait() {
    if (thread_.joinable()) thread_.join();
    job_.reset();
    return lastError();
}

} // namespace govox::backend
