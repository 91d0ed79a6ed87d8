// ToneRig.hpp - what the PulseAudio tests play and how they measure the recording.
//
// A region, the real mixer and a tone voice host filling its rings on a thread, as the
// app runs a voice host (tests/backend/ToneSignal.hpp has the tone and the measures). A
// CallbackProbe sits between backend and mixer to see which thread renders and how much.
#pragma once

#include "engine/rt/AudioCallback.hpp"
#include "tests/support/audio/ToneSignal.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <thread>
#include <vector>

namespace govox::ui::test {

namespace tone = govox::backend::test;

struct ToneRig {
    shm::RegionResult created;
    rt::Mixer mixer;
    std::unique_ptr<govox::standin::ToneVoiceHost> host;

    ToneRig(std::uint32_t rate, std::uint32_t ringTargetFrames)
        : created(shm::Region::create(regionConfig(rate, ringTargetFrames))),
          mixer(tone::toneMixerConfig(rate)) {
        if (!created.region) return;
        auto regionMixer = mixer.makeRegionMixer(*created.region);
        mixer.add(regionMixer, 0);
        host = std::make_unique<govox::standin::ToneVoiceHost>(*created.region);
        host->markReady();
        host->startThread(std::chrono::milliseconds(2));
    }
    ~ToneRig() {
        if (host) host->stopThread();
    }

    static shm::RegionConfig regionConfig(std::uint32_t rate, std::uint32_t target) {
        shm::RegionConfig c = tone::toneRegionConfig(rate);
        c.ringTargetFrames = target;
        while (c.ringCapacityFrames < 2 * target) c.ringCapacityFrames *= 2;
        return c;
    }
};

// Forwards to the mixer and notes, without allocating, what the backend asked of it.
class CallbackProbe final : public rt::AudioCallback {
public:
    explicit CallbackProbe(rt::AudioCallback& inner) : inner_(inner) {}
    void render(float* l, float* r, std::uint32_t frames) noexcept override {
        renderThread_.store(std::this_thread::get_id(), std::memory_order_relaxed);
        std::uint32_t m = maxFrames_.load(std::memory_order_relaxed);
        while (frames > m && !maxFrames_.compare_exchange_weak(m, frames)) {
        }
        inner_.render(l, r, frames);
    }
    void xrun() noexcept override { inner_.xrun(); }
    std::thread::id renderThread() const { return renderThread_.load(); }
    std::uint32_t maxFrames() const { return maxFrames_.load(); }

private:
    rt::AudioCallback& inner_;
    std::atomic<std::thread::id> renderThread_{};
    std::atomic<std::uint32_t> maxFrames_{0};
};

struct ToneMeasure {
    bool found = false;     // the tone starts somewhere and lasts long enough
    std::size_t onset = 0;  // first frame above a tenth of the tone's amplitude
    double frequency = 0.0; // Hz, over the window
    double levelDb = 0.0;   // against the expected RMS
    tone::Step step;        // largest sample-to-sample step in the window
};

// Measures `length` frames starting `skip` frames after the tone's onset.
inline ToneMeasure measureTone(const std::vector<float>& x, std::uint32_t rate, std::size_t skip,
                               std::size_t length) {
    ToneMeasure m;
    const float threshold = tone::testTone().amplitude / 10.0f;
    const auto at =
        std::find_if(x.begin(), x.end(), [&](float v) { return std::fabs(v) > threshold; });
    if (at == x.end()) return m;
    m.onset = static_cast<std::size_t>(at - x.begin());
    if (m.onset + skip + length > x.size()) return m;
    const float* w = x.data() + m.onset + skip;
    m.found = true;
    m.frequency = tone::zeroCrossingFrequency(w, length, rate);
    m.levelDb = tone::decibels(tone::rms(w, length) / tone::expectedToneRms(tone::testTone()));
    m.step = tone::largestStep(w, length);
    return m;
}

// The steepest step a clean sine of the test tone makes, with a margin.
inline double maxCleanStep(std::uint32_t rate) {
    return 1.2 * tone::testTone().amplitude * 2.0 * 3.14159265358979 * tone::testTone().frequency /
           rate;
}

} // namespace govox::ui::test
