// HeldKeys.hpp - which of the 128 MIDI keys are down now, from whatever plays them (the
// MIDI dispatcher's thread, the on-screen and computer keyboards on the UI thread), read
// by the snapshot 30 times a second.
//
// Threads: any; lock-free (two atomic words).
#pragma once

#include <array>
#include <atomic>
#include <bitset>
#include <cstdint>

namespace govox::ui {

class HeldKeys {
public:
    void set(int note, bool down) noexcept {
        if (note < 0 || note > 127) return;
        const std::uint64_t bit = std::uint64_t{1} << (note % 64);
        if (down)
            words_[note / 64].fetch_or(bit, std::memory_order_relaxed);
        else
            words_[note / 64].fetch_and(~bit, std::memory_order_relaxed);
    }
    void clear() noexcept {
        for (auto& w : words_) w.store(0, std::memory_order_relaxed);
    }
    std::bitset<128> now() const noexcept {
        std::bitset<128> keys;
        for (int n = 0; n < 128; ++n)
            keys.set(n, (words_[n / 64].load(std::memory_order_relaxed) >> (n % 64)) & 1);
        return keys;
    }

private:
    std::array<std::atomic<std::uint64_t>, 2> words_{};
};

} // namespace govox::ui
