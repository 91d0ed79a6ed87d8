#include "tests/bench/LockstepRender.hpp"

#include "engine/render/OfflineRender.hpp"
#include "tests/bench/GoVoices.hpp"

namespace govox::bench {

StereoRender renderNoteLockstep(const std::string& library, std::uint8_t note,
                                std::uint8_t velocity, std::uint32_t frames) {
    constexpr std::uint32_t kRate = 48000;
    if (frames == 0) return {{}, {}, "bad frame count"};
    host::HostProblem problem;
    // Blocks of the SDK's own chunk: each lockstep block is rendered as one chunk.
    auto renderer = render::OfflineRender::start({.voiceName = "lockstep",
                                                  .library = library,
                                                  .hostBinary = voiceHostPath(),
                                                  .sampleRate = kRate,
                                                  .blockFrames = kSdkChunkFrames,
                                                  .voices = 1,
                                                  .maxTailSeconds = 0,
                                                  // The reference models the live default.
                                                  .quality = GOVOX_QUALITY_NORMAL},
                                                 problem);
    if (!renderer) return {{}, {}, problem.message};
    // A song as long as the render, the note held throughout.
    render::StereoBuffer buffer;
    const render::RenderOutcome out = renderer->renderToMemory(
        {{{0.0, 0x90, note, velocity}}, static_cast<double>(frames) / kRate}, buffer);
    if (!out.ok()) return {{}, {}, "lockstep render failed: " + out.error};
    if (buffer.left.size() < frames) return {{}, {}, "the render stopped short"};
    buffer.left.resize(frames);
    buffer.right.resize(frames);
    return {std::move(buffer.left), std::move(buffer.right), {}};
}

} // namespace govox::bench
