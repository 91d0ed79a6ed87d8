// HealthHistory.hpp - a rolling record of the engine's health, one sample per snapshot: what
// the health plot draws and what "Export CSV" writes.
//
// Aims
// - Bounded memory: keeps the last `spanSeconds` (120 s by default) and never more than
//   `maxSamples` samples whatever the snapshot rate, so a window left open for a week costs
//   what it costs after two minutes.
// - No widgets, no engine: built from StudioSnapshot only, so tests feed it made-up snapshots.
// - Underruns and xruns become events (time, how many) when their counters rise between two
//   consecutive snapshots. A counter that falls is a reset (the Reset button), not an event.
//
// Threads: UI thread (one owner, no locking).
#pragma once

#include "ui/studio/StudioSnapshot.hpp"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>

namespace govox::ui {

// One snapshot, reduced to the figures worth plotting. Fill figures are NaN when no slot is
// sounding: a gap in the plot and an empty CSV cell, not a misleading zero.
struct HealthSample {
    static constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

    double time = 0.0;               // s, the snapshot's steady clock
    double fillMinMs = kNone;        // lowest ring fill over sounding slots
    double fillMeanMs = kNone;       // mean ring fill over sounding slots
    double targetMs = kNone;         // the ring depth the host aims for
    std::uint32_t soundingSlots = 0; // active, releasing or underrunning
    double loadLastPct = 0.0;        // audio callback time, % of the buffer period
    double loadP99Pct = 0.0;
    double gcPauseP99Ms = 0.0; // the voice host's Go GC pauses
    double gcPauseMaxMs = 0.0;
    double heapMb = 0.0;         // MiB
    std::uint64_t underruns = 0; // totals as the snapshot reports them
    std::uint64_t xruns = 0;
    std::uint64_t newUnderruns = 0; // since the previous sample
    std::uint64_t newXruns = 0;
};

// Something that happened between two samples, drawn as a marker.
struct HealthEvent {
    double time = 0.0;       // s, the sample that saw it
    std::uint64_t count = 0; // how many (several underruns can land in one 33 ms tick)
};

class HealthHistory {
public:
    static constexpr double kDefaultSpanSeconds = 120.0;
    // 120 s at 30 Hz, twice over: room for a faster snapshot rate, still a hard bound.
    static constexpr std::size_t kDefaultMaxSamples = 7200;

    enum class Recorded : std::uint8_t {
        Appended,  // a new sample at the end
        Restarted, // the clock went back (a new studio): everything before was dropped
        Ignored,   // same time as the last sample (a repeated snapshot)
    };

    explicit HealthHistory(double spanSeconds = kDefaultSpanSeconds,
                           std::size_t maxSamples = kDefaultMaxSamples);

    Recorded record(const StudioSnapshot& s);
    void clear();

    const std::deque<HealthSample>& samples() const { return samples_; }
    const std::deque<HealthEvent>& underrunEvents() const { return underrunEvents_; }
    const std::deque<HealthEvent>& xrunEvents() const { return xrunEvents_; }
    bool empty() const { return samples_.empty(); }
    std::size_t size() const { return samples_.size(); }
    const HealthSample& latest() const { return samples_.back(); } // not when empty()
    double spanSeconds() const { return span_; }
    std::size_t maxSamples() const { return maxSamples_; }

    // Reduces one snapshot to a sample (no events: those need the previous sample).
    static HealthSample sampleOf(const StudioSnapshot& s);

    // Writes every sample as CSV (header row, one row per sample, '.' decimals), atomically:
    // the file is complete or untouched. On failure returns false and says why in `error`.
    bool writeCsv(const QString& path, QString* error = nullptr) const;
    static QString csvHeader();

private:
    void trim();

    double span_;
    std::size_t maxSamples_;
    std::deque<HealthSample> samples_;
    std::deque<HealthEvent> underrunEvents_;
    std::deque<HealthEvent> xrunEvents_;
};

} // namespace govox::ui
