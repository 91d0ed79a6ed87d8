#include "engine/render/OfflineRender.hpp"

#include "engine/backend/AtomicWavFile.hpp"
#include "engine/rt/Mixer.hpp"

#include <algorithm>
#include <bit>

namespace govox::render {

class OfflineRender::BlockSink {
public:
    virtual ~BlockSink() = default;
    virtual std::string write(const float* left, const float* right, std::uint32_t frames) = 0;
};

// The WAV appears under its name only when complete (backend::AtomicWavFile).
class OfflineRender::WavSink final : public BlockSink {
public:
    explicit WavSink(std::string path) : path_(std::move(path)) {}

    std::string open(std::uint32_t sampleRate, std::uint32_t blockFrames) {
        return file_.open(path_, sampleRate, blockFrames);
    }
    std::string write(const float* left, const float* right, std::uint32_t frames) override {
        return file_.write(left, right, frames);
    }
    std::string commit() { return file_.commit(); }

private:
    std::string path_;
    backend::AtomicWavFile file_;
};

class OfflineRender::MemorySink final : public BlockSink {
public:
    explicit MemorySink(StereoBuffer& out) : out_(out) {}
    std::string write(const float* left, const float* right, std::uint32_t frames) override {
        out_.left.insert(out_.left.end(), left, left + frames);
        out_.right.insert(out_.right.end(), right, right + frames);
        return {};
    }

private:
    StereoBuffer& out_;
};

OfflineRender::OfflineRender(const OfflineRenderConfig& config) : config_(config) {}

OfflineRender::~OfflineRender() = default;

std::unique_ptr<OfflineRender> OfflineRender::start(const OfflineRenderConfig& config,
                                                    host::HostProblem& failure) {
    failure = {};
    constexpr std::uint32_t kMaxBlock = GOVOX_MAX_RING_FRAMES / 2;
    if (config.sampleRate < 8000 || config.blockFrames == 0 || config.blockFrames > kMaxBlock ||
        config.voices == 0 || config.voices > GOVOX_MAX_VOICES) {
        failure = {host::HostHealth::Crashed,
                   "cannot render '" + config.voiceName + "': the rate must be 8000 Hz or more, " +
                       "the block 1 to " + std::to_string(kMaxBlock) +
                       " frames and the voices 1 to " + std::to_string(GOVOX_MAX_VOICES),
                   {}};
        return nullptr;
    }
    std::unique_ptr<OfflineRender> render(new OfflineRender(config));
    // Each lockstep block is rendered whole before the mixer reads it: the ring holds two.
    const std::uint32_t capacity =
        std::max<std::uint32_t>(4096, std::bit_ceil(2 * config.blockFrames));
    host::VoiceHostConfig c;
    c.name = config.voiceName;
    c.library = config.library;
    c.hostBinary = config.hostBinary;
    c.clock = host::HostClock::Lockstep;
    c.region = {.voiceCount = config.voices,
                .ringCapacityFrames = capacity,
                .ringTargetFrames = capacity / 2,
                .sampleRate = config.sampleRate,
                .maxBlockFrames = config.blockFrames,
                .quality = config.quality};
    render->host_ = host::VoiceHost::start(c, failure);
    if (!render->host_) return nullptr;
    return render;
}

const std::vector<host::ParamInfo>& OfflineRender::params() const noexcept {
    return host_->params();
}

bool OfflineRender::setParam(std::uint32_t index, float value) {
    for (const host::ParamInfo& p : host_->params())
        if (p.index == index)
            return host_->events().paramChange(0, index, std::clamp(value, p.min, p.max));
    return false;
}

RenderOutcome OfflineRender::renderToWav(const Song& song, const std::string& wavPath) {
    WavSink sink(wavPath);
    if (std::string error = sink.open(config_.sampleRate, config_.blockFrames); !error.empty())
        return RenderOutcome::failed(std::move(error));
    RenderOutcome out = run(song, sink);
    if (out.ok()) out.error = sink.commit();
    return out;
}

RenderOutcome OfflineRender::renderToMemory(const Song& song, StereoBuffer& out) {
    MemorySink sink(out);
    return run(song, sink);
}

RenderOutcome OfflineRender::run(const Song& song, BlockSink& sink) {
    if (rendered_)
        return RenderOutcome::failed("an offline render runs once; start another for a new render");
    rendered_ = true;
    const std::uint32_t block = config_.blockFrames;
    rt::Mixer mixer({.sampleRate = config_.sampleRate, .maxBlockFrames = std::max(block, 256u)});
    std::unique_ptr<rt::RegionMixer> regionMixer = mixer.makeRegionMixer(*host_->region());
    const rt::RegionMixer& meters = *regionMixer; // the mixer owns it from here on
    mixer.add(regionMixer, 0);
    LockstepDriver driver(*host_, meters,
                          {.messages = song.messages,
                           .automation = automation_,
                           .songSeconds = song.seconds,
                           .maxTailSeconds = config_.maxTailSeconds,
                           .sampleRate = config_.sampleRate,
                           .blockFrames = block,
                           .onFault = config_.onFault,
                           .blockDeadline = config_.blockDeadline});
    std::vector<float> left(block), right(block);
    RenderOutcome out;
    while (out.frames < driver.frameLimit() && driver.beforeBlock(out.frames)) {
        mixer.render(left.data(), right.data(), block);
        if (std::string error = sink.write(left.data(), right.data(), block); !error.empty()) {
            out.error = std::move(error);
            return out;
        }
        out.frames += block;
    }
    driver.finish(out.frames);
    out.error = driver.error();
    out.stack = driver.errorStack();
    out.cutShort = driver.cutShort();
    out.faults = driver.faults();
    return out;
}

} // namespace govox::render
