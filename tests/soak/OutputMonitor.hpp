// OutputMonitor.hpp - a JACK client listening to Govox's output the way a mixer channel
// would: is it sounding, since when, and how long did it fall silent while it should
// have been playing.
//
// Aims
// - Judged per JACK period: a period is loud when either channel's peak reaches
//   kLoud (-80 dBFS); the pad voice is far above that, and Govox's silence is exact
//   zeros.
// - Frame counts are the monitor's own (frames it has processed), so the control thread
//   can mark "now" and wait for sound after the mark without sharing a clock.
// - The longest silent run is kept from the last resetGap(): a soak resets it once notes
//   sound and reads it at the end; any dropout shows as a gap.
//
// Threads: the control thread calls everything; the JACK thread runs process().
#pragma once

#include <jack/jack.h>

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace govox::soak {

class OutputMonitor {
public:
    static constexpr float kLoud = 1e-4f;

    explicit OutputMonitor(const std::string& clientName);
    ~OutputMonitor();
    OutputMonitor(const OutputMonitor&) = delete;
    OutputMonitor& operator=(const OutputMonitor&) = delete;

    const std::string& error() const { return error_; }
    // Connects the first two audio outputs whose names start with `prefix`; empty or why not.
    std::string connect(const std::string& prefix);
    bool serverGone() const { return gone_.load(); }
    // Ports on the server matching `pattern` (a regular expression, as jack_get_ports).
    std::vector<std::string> ports(const std::string& pattern, const char* type,
                                   unsigned long flags) const;

    std::uint64_t frames() const { return frames_.load(); }
    // The end of the last loud period (0: never loud).
    std::uint64_t lastLoud() const { return lastLoud_.load(); }
    bool loudAfter(std::uint64_t frame) const { return lastLoud_.load() > frame; }
    float lastLoudPeak() const { return lastLoudPeak_.load(); } // of the last loud period
    // Seconds of silence up to now (0 while sounding).
    double silentSeconds() const;
    void resetGap() { resetGap_.store(true); }
    double longestGapSeconds() const; // since resetGap()
    std::uint32_t sampleRate() const { return rate_; }

private:
    static int process(jack_nframes_t frames, void* self);
    static void shutdown(void* self);

    jack_client_t* client_ = nullptr;
    jack_port_t* in_[2] = {nullptr, nullptr};
    std::string error_;
    std::uint32_t rate_ = 48000;
    std::atomic<bool> gone_{false};
    std::atomic<std::uint64_t> frames_{0};
    std::atomic<std::uint64_t> lastLoud_{0};
    std::atomic<float> lastLoudPeak_{0};
    std::atomic<std::uint64_t> longestGap_{0};
    std::atomic<bool> resetGap_{false};
    std::uint64_t gapStart_ = 0; // process thread: where the current silence began
};

} // namespace govox::soak
