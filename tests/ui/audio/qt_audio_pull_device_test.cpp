// QtAudioPullDevice: what QAudioSink reads from it - interleaved stereo float32 or int16,
// rendered in blocks no larger than the mixer was prepared for, and never running dry.
#include "ui/audio/QtAudioPullDevice.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

// Counts allocations made by the thread that sets tCounting: proof that a read allocates
// nothing, as code on the audio thread must not.
namespace {
thread_local bool tCounting = false;
std::atomic<int> gAllocations{0};
} // namespace

void* operator new(std::size_t n) {
    if (tCounting) gAllocations.fetch_add(1);
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
    std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
    std::free(p);
}

namespace govox::ui {
namespace {

using Format = QtAudioPullDevice::SampleFormat;

// Left is a ramp 0, 1, 2... over all calls (scaled), right its negative; records blocks.
struct RampCallback final : rt::AudioCallback {
    float scale = 1.0f;
    float next = 0.0f;
    std::vector<std::uint32_t> blocks;
    int xruns = 0;
    void render(float* l, float* r, std::uint32_t frames) noexcept override {
        blocks.push_back(frames);
        for (std::uint32_t i = 0; i < frames; ++i, next += 1.0f) {
            l[i] = next * scale;
            r[i] = -next * scale;
        }
    }
    void xrun() noexcept override { ++xruns; }
};

template <typename T>
std::vector<T> readSamples(QtAudioPullDevice& d, qint64 bytes) {
    std::vector<char> raw(static_cast<std::size_t>(bytes));
    const qint64 got = d.read(raw.data(), bytes);
    std::vector<T> out(static_cast<std::size_t>(got > 0 ? got : 0) / sizeof(T));
    std::memcpy(out.data(), raw.data(), out.size() * sizeof(T));
    return out;
}

TEST(QtAudioPullDevice, InterleavesFloatStereo) {
    RampCallback cb;
    QtAudioPullDevice d(cb, Format::Float32, 128);
    ASSERT_TRUE(d.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    const auto s = readSamples<float>(d, 10 * 8);
    ASSERT_EQ(s.size(), 20u);
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(s[2 * i], float(i));
        EXPECT_EQ(s[2 * i + 1], -float(i));
    }
}

TEST(QtAudioPullDevice, RendersLargeReadsInBlocksTheMixerCanTake) {
    RampCallback cb;
    QtAudioPullDevice d(cb, Format::Float32, 128);
    ASSERT_TRUE(d.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    // Qt's PulseAudio sink reads 20 ms at a time: 960 frames at 48 kHz.
    const auto s = readSamples<float>(d, 960 * 8);
    EXPECT_EQ(s.size(), 2u * 960);
    EXPECT_EQ(cb.blocks, (std::vector<std::uint32_t>{128, 128, 128, 128, 128, 128, 128, 64}));
    EXPECT_EQ(s[2 * 959], 959.0f); // continuous across blocks
    EXPECT_EQ(d.pulls(), 1u);
}

TEST(QtAudioPullDevice, ConvertsToInt16WithClampingAndRounding) {
    RampCallback cb;
    cb.scale = 0.25f; // 0, 0.25, 0.5, 0.75, 1.0, 1.25 (clamped)
    QtAudioPullDevice d(cb, Format::Int16, 64);
    ASSERT_TRUE(d.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    EXPECT_EQ(d.bytesPerFrame(), 4u);
    const auto s = readSamples<std::int16_t>(d, 6 * 4);
    ASSERT_EQ(s.size(), 12u);
    const std::int16_t left[] = {0, 8192, 16384, 24575, 32767, 32767};
    for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(s[2 * i], left[i]) << i;
        EXPECT_EQ(s[2 * i + 1], -left[i]) << i;
    }
}

TEST(QtAudioPullDevice, ReturnsWholeFramesOnlyAndNeverRunsDry) {
    RampCallback cb;
    QtAudioPullDevice d(cb, Format::Float32, 128);
    ASSERT_TRUE(d.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
    EXPECT_EQ(readSamples<float>(d, 13).size(), 2u); // one frame of the 1.6 asked for
    EXPECT_EQ(readSamples<float>(d, 7).size(), 0u);
    EXPECT_GT(d.bytesAvailable(), 1 << 20);
    EXPECT_TRUE(d.isSequential());
    EXPECT_EQ(cb.xruns, 0);
}

TEST(QtAudioPullDevice, ReadsWithoutAllocating) {
    for (const Format format : {Format::Float32, Format::Int16}) {
        RampCallback cb;
        cb.blocks.reserve(64); // the fake's own bookkeeping, not the device's
        QtAudioPullDevice d(cb, format, 128);
        ASSERT_TRUE(d.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        std::vector<char> buffer(960 * 8);
        gAllocations = 0;
        tCounting = true;
        d.read(buffer.data(), 960 * d.bytesPerFrame()); // 8 blocks
        d.read(buffer.data(), 100 * d.bytesPerFrame()); // and 1
        tCounting = false;
        EXPECT_EQ(gAllocations.load(), 0);
        EXPECT_EQ(cb.blocks.size(), 9u);
    }
}

} // namespace
} // namespace govox::ui
