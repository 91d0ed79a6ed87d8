#include "engine/audio/AudioEngine.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

namespace govox::audio {

std::vector<backend::BackendKind> fallbackOrder(backend::BackendKind first) {
    using backend::BackendKind;
    std::vector<BackendKind> order{first};
    for (BackendKind k :
         {BackendKind::Jack, BackendKind::Pulse, BackendKind::Alsa, BackendKind::Null})
        if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
    return order;
}

AudioEngine::~AudioEngine() {
    stop();
}

std::string AudioEngine::start(const EngineConfig& config) {
    stop();
    status_ = {};
    const auto order = config.fallback ? fallbackOrder(config.backend)
                                       : std::vector<backend::BackendKind>{config.backend};
    std::string failures;
    for (backend::BackendKind kind : order) {
        const std::string error = tryStart(kind, config);
        if (error.empty()) {
            if (!failures.empty())
                status_.notice =
                    failures + "; playing through " + backend::backendName(kind) + " instead";
            return {};
        }
        failures += (failures.empty() ? "" : "; ") + error;
    }
    // One backend tried (the caller falls back itself): its error says it all; the
    // caller joins several of them, and a prefix on each would repeat.
    if (order.size() == 1) return failures;
    return "no audio output could be opened: " + failures;
}

std::string AudioEngine::tryStart(backend::BackendKind kind, const EngineConfig& config) {
    backend_ = backend::makeBackend(kind);
    if (!backend_)
        return std::string(backend::backendName(kind)) + ": not available in this program";
    std::uint32_t rate = config.stream.sampleRate;
    for (int attempt = 0; attempt < 2; ++attempt) {
        mixer_ = std::make_unique<rt::Mixer>(rt::MixerConfig{
            .sampleRate = rate,
            .maxBlockFrames = std::max<std::uint32_t>(config.stream.bufferFrames, 256),
            .voiceFadeMs = config.voiceFadeMs});
        std::string error = backend_->start(config.stream, *mixer_);
        if (!error.empty()) {
            backend_.reset();
            mixer_.reset();
            return error;
        }
        status_.stream = backend_->info();
        if (status_.stream.sampleRate == rate || status_.stream.sampleRate == 0) {
            running_.store(mixer_.get(), std::memory_order_release);
            return {};
        }
        rate = status_.stream.sampleRate; // the device insisted on another rate: follow it
        backend_->stop();
    }
    return std::string(backend::backendName(kind)) + ": sample rate keeps changing";
}

void AudioEngine::stop() {
    running_.store(nullptr, std::memory_order_release);
    if (backend_) backend_->stop();
    if (mixer_) mixer_->setTap(nullptr);
    tap_.reset();
    retiredTaps_.clear(); // the stream has stopped: nobody writes them any more
    backend_.reset();
    std::lock_guard lock(regionsMutex_);
    mixer_.reset(); // frees the RegionMixers; then the regions may go
    attached_.clear();
}

std::uint64_t AudioEngine::frame() const noexcept {
    const rt::Mixer* m = running_.load(std::memory_order_acquire);
    return m ? m->stats().engineFrame.load(std::memory_order_relaxed) : 0;
}

std::uint64_t AudioEngine::scheduleFrame(const rt::EventTime& at) const noexcept {
    const rt::Mixer* m = running_.load(std::memory_order_acquire);
    if (!m) return 0;
    rt::ClockPoint last;
    if (!m->clock().read(last)) return m->stats().engineFrame.load(std::memory_order_relaxed);
    return rt::scheduleFrame(last, m->sampleRate(), at);
}

std::uint32_t AudioEngine::schedulingDelayFrames() const noexcept {
    const rt::Mixer* m = running_.load(std::memory_order_acquire);
    rt::ClockPoint last;
    return m && m->clock().read(last) ? last.frames : 0;
}

std::uint32_t AudioEngine::sampleRate() const noexcept {
    const rt::Mixer* m = running_.load(std::memory_order_acquire);
    return m ? m->sampleRate() : 0;
}

std::uint32_t AudioEngine::maxBlockFrames() const noexcept {
    const rt::Mixer* m = running_.load(std::memory_order_acquire);
    return m ? m->maxBlockFrames() : 0;
}

const rt::MixerStats* AudioEngine::stats() const noexcept {
    const rt::Mixer* m = running_.load(std::memory_order_acquire);
    return m ? &m->stats() : nullptr;
}

std::uint32_t AudioEngine::attach(std::shared_ptr<shm::Region> region, std::uint32_t fadeInFrames) {
    std::lock_guard lock(regionsMutex_);
    if (!mixer_ || !region) return 0;
    auto rm = mixer_->makeRegionMixer(*region);
    const rt::RegionMixer* raw = rm.get();
    const std::uint32_t id = rm->id();
    if (!mixer_->add(rm, fadeInFrames)) return 0;
    attached_[id] = {std::move(region), raw};
    return id;
}

std::uint32_t AudioEngine::crossfade(std::uint32_t fromId, std::shared_ptr<shm::Region> to,
                                     std::uint32_t frames) {
    std::lock_guard lock(regionsMutex_);
    if (!mixer_ || !to) return 0;
    auto rm = mixer_->makeRegionMixer(*to);
    const rt::RegionMixer* raw = rm.get();
    const std::uint32_t id = rm->id();
    if (!mixer_->crossfade(fromId, rm, frames)) return 0;
    attached_[id] = {std::move(to), raw};
    return id;
}

void AudioEngine::detach(std::uint32_t id, std::uint32_t fadeOutFrames) {
    std::lock_guard lock(regionsMutex_);
    if (mixer_ && attached_.count(id)) mixer_->remove(id, fadeOutFrames);
}

void AudioEngine::collect() {
    std::lock_guard lock(regionsMutex_);
    if (!mixer_) return;
    for (std::unique_ptr<rt::RegionMixer>& gone : mixer_->collectRetired()) {
        const std::uint32_t id = gone->id();
        gone.reset(); // the RegionMixer first: it points into the region
        attached_.erase(id);
    }
}

std::shared_ptr<rt::OutputTap> AudioEngine::startTap(std::uint32_t capacityFrames) {
    if (!mixer_) return nullptr;
    stopTap();
    tap_ = std::make_shared<rt::OutputTap>(capacityFrames, mixer_->maxBlockFrames());
    mixer_->setTap(tap_.get());
    return tap_;
}

void AudioEngine::stopTap() {
    if (!tap_ || !mixer_) return;
    mixer_->setTap(nullptr);
    // A callback that loaded the old pointer ends before the one after it starts.
    const std::uint64_t seen = mixer_->stats().callbacks.load(std::memory_order_acquire);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    while (running() && mixer_->stats().callbacks.load(std::memory_order_acquire) < seen + 2) {
        if (std::chrono::steady_clock::now() > deadline) { // a stalled stream: keep it safe
            retiredTaps_.push_back(std::move(tap_));
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    tap_.reset();
}

bool AudioEngine::attached(std::uint32_t id) const {
    std::lock_guard lock(regionsMutex_);
    return attached_.count(id) != 0;
}

const rt::RegionMixer* AudioEngine::regionMixer(std::uint32_t id) const {
    std::lock_guard lock(regionsMutex_);
    const auto it = attached_.find(id);
    return it == attached_.end() ? nullptr : it->second.mixer;
}

bool AudioEngine::running() const {
    return backend_ && backend_->running();
}

double AudioEngine::latencyMs(std::uint32_t ringTargetFrames) const noexcept {
    const auto& s = status_.stream;
    if (s.sampleRate == 0) return 0.0;
    return 1000.0 * double(s.bufferFrames + s.outputLatencyFrames + ringTargetFrames) /
           double(s.sampleRate);
}

} // namespace govox::audio
