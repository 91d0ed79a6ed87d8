#include "engine/rt/MixKernels.hpp"

#include "engine/rt/FrameRing.hpp"
#include "engine/rt/SampleChecks.hpp"

#include <cstdint>
#include <cstring>

namespace govox::rt {
namespace {

// Eight lanes: one AVX2 register, two SSE registers in the baseline clone.
using Floats8 = float __attribute__((vector_size(32)));
using Bits8 = std::uint32_t __attribute__((vector_size(32)));
constexpr std::size_t kLanes = 8;

// One sample of the scalar tail; returns ~0u if it was not finite.
std::uint32_t mixCheckedSample(const float* src, float* bus,
                               float gain) noexcept GOVOX_NONBLOCKING {
    std::uint32_t bits;
    std::memcpy(&bits, src, sizeof bits);
    const std::uint32_t nonfinite = isNonfiniteBits(bits) ? ~0u : 0u;
    const std::uint32_t kept = bits & ~nonfinite;
    float x;
    std::memcpy(&x, &kept, sizeof x);
    *bus += x * gain;
    return nonfinite;
}

// K sources at once. Always inlined, so that each clone of mixCheckedSources gets it
// compiled for its own instruction set.
template <std::size_t K>
[[gnu::always_inline]] inline unsigned mixSources(const MixSource* sources, float* bus,
                                                  std::size_t frames) noexcept GOVOX_NONBLOCKING {
    const std::size_t count = frames * kChannels;
    const Bits8 exponent = kExponentBits - Bits8{};
    Floats8 gain[K];
    Bits8 bad[K] = {};
#pragma GCC unroll 4
    for (std::size_t k = 0; k < K; ++k) {
        const float l = sources[k].left, r = sources[k].right;
        gain[k] = Floats8{l, r, l, r, l, r, l, r};
    }
    std::size_t i = 0;
    for (; i + kLanes <= count; i += kLanes) {
        Floats8 sum; // memcpy: the ring and the bus need not be 32-byte aligned
        std::memcpy(&sum, bus + i, sizeof sum);
#pragma GCC unroll 4 // the sources' gains and checks stay in registers at -O2 as well
        for (std::size_t k = 0; k < K; ++k) {
            Bits8 bits;
            std::memcpy(&bits, sources[k].frames + i, sizeof bits);
            const auto nonfinite = reinterpret_cast<Bits8>((bits & exponent) == exponent);
            bad[k] |= nonfinite;
            const Bits8 kept = bits & ~nonfinite;
            Floats8 x;
            std::memcpy(&x, &kept, sizeof x);
            sum += x * gain[k];
        }
        std::memcpy(bus + i, &sum, sizeof sum);
    }
    unsigned result = 0;
    for (std::size_t k = 0; k < K; ++k) {
        std::uint32_t any = 0;
        for (std::size_t lane = 0; lane < kLanes; ++lane) any |= bad[k][lane];
        for (std::size_t j = i; j < count; ++j)
            any |= mixCheckedSample(sources[k].frames + j, bus + j,
                                    j % 2 == 0 ? sources[k].left : sources[k].right);
        if (any != 0) result |= 1u << k;
    }
    return result;
}

} // namespace

GOVOX_VECTOR_CLONES unsigned mixCheckedSources(const MixSource* sources, std::size_t count,
                                               float* __restrict bus,
                                               std::size_t frames) noexcept GOVOX_NONBLOCKING {
    switch (count) {
    case 1: return mixSources<1>(sources, bus, frames);
    case 2: return mixSources<2>(sources, bus, frames);
    case 3: return mixSources<3>(sources, bus, frames);
    case 4: return mixSources<4>(sources, bus, frames);
    default: return 0;
    }
}

GOVOX_VECTOR_CLONES void mixConstantGain(const float* __restrict src, float* __restrict bus,
                                         std::size_t frames, float gl,
                                         float gr) noexcept GOVOX_NONBLOCKING {
    for (std::size_t i = 0; i < frames; ++i) {
        bus[2 * i] += src[2 * i] * gl;
        bus[2 * i + 1] += src[2 * i + 1] * gr;
    }
}

} // namespace govox::rt
