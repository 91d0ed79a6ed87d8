// ProcessFigures.hpp - what a long run could leak, read from /proc: this process's
// resident memory, descriptors, threads and mapped regions, and its children.
//
// Aims
// - One sample is one instant; a Trend keeps the samples of a run and judges them
//   against a bound *after a warm-up*, because a fresh process grows for a while (Qt's
//   caches, the first builds, the allocator's arenas) before it settles.
// - Children are counted by name, so the soak's own helpers (jackd, stress-ng) do not
//   count against Govox; zombies are counted apart: an unreaped host is a leak even when
//   it holds no memory.
//
// Threads: any (reads /proc only).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace govox::soak {

struct ProcessSample {
    double at = 0;  // seconds since the run began
    long rssKb = 0; // this process
    int fds = 0;    // open descriptors of this process
    int threads = 0;
    int regions = 0;    // memfd mappings (voice-host regions) in this process
    int hosts = 0;      // govox-voicehost children, alive
    int zombies = 0;    // children that exited and were not reaped
    long hostRssKb = 0; // the voice hosts together
};

// Reads the figures now; `at` is stored as given.
ProcessSample sampleProcess(double at);

// CPU seconds of this process tree: itself, the children it has reaped, and the children
// still running (jackd, the voice host). The machine's busy time minus this is what other
// work took from the soak's cores meanwhile.
double ourCpuSeconds();

// A run's samples and the verdict on one figure.
class Trend {
public:
    void add(const ProcessSample& s) { samples_.push_back(s); }
    const std::vector<ProcessSample>& samples() const { return samples_; }
    // Start (first sample at or after `warmup` s), end, maximum of one figure after warm-up.
    struct Span {
        long start = 0, end = 0, max = 0;
    };
    Span span(long ProcessSample::* figure, double warmup) const;
    Span span(int ProcessSample::* figure, double warmup) const;

private:
    std::vector<ProcessSample> samples_;
};

} // namespace govox::soak
