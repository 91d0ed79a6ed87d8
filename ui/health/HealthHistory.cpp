#include "ui/health/HealthHistory.hpp"

#include <QCoreApplication>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

namespace govox::ui {
namespace {

bool sounding(SlotState state) {
    // An underrunning slot is still a voice that should be sounding: its empty ring is the
    // very thing the minimum fill line must show.
    return state == SlotState::Active || state == SlotState::Releasing ||
           state == SlotState::Underrun;
}

double framesToMs(double frames, std::uint32_t sampleRate) {
    return sampleRate ? 1000.0 * frames / sampleRate : HealthSample::kNone;
}

// Events are counted from counter increases; a decrease is a reset and counts nothing.
std::uint64_t increase(std::uint64_t now, std::uint64_t before) {
    return now > before ? now - before : 0;
}

QString cell(double v, int decimals) {
    return std::isnan(v) ? QString{} : QString::number(v, 'f', decimals);
}

QString cannotWrite(const QString& path, const QString& why) {
    return QCoreApplication::translate("HealthHistory", "Cannot write %1: %2").arg(path, why);
}

} // namespace

HealthHistory::HealthHistory(double spanSeconds, std::size_t maxSamples)
    : span_(spanSeconds), maxSamples_(std::max<std::size_t>(maxSamples, 2)) {}

HealthSample HealthHistory::sampleOf(const StudioSnapshot& s) {
    HealthSample h;
    h.time = s.time;
    double sum = 0.0;
    double least = HealthSample::kNone;
    std::uint32_t target = s.ringTargetFrames;
    for (const SlotView& slot : s.voiceSlots) {
        if (!target) target = slot.targetFrames;
        if (!sounding(slot.state)) continue;
        ++h.soundingSlots;
        sum += slot.fillFrames;
        least = std::isnan(least) ? slot.fillFrames : std::min<double>(least, slot.fillFrames);
    }
    if (h.soundingSlots) {
        h.fillMinMs = framesToMs(least, s.sampleRate);
        h.fillMeanMs = framesToMs(sum / h.soundingSlots, s.sampleRate);
    }
    h.targetMs = target ? framesToMs(target, s.sampleRate) : HealthSample::kNone;
    h.loadLastPct = 100.0 * s.callbackLoadLast;
    h.loadP99Pct = 100.0 * s.callbackLoadP99;
    h.gcPauseP99Ms = s.gcPauseP99Ms;
    h.gcPauseMaxMs = s.gcPauseMaxMs;
    h.heapMb = double(s.heapBytes) / (1024.0 * 1024.0);
    h.underruns = s.underruns;
    h.xruns = s.xruns;
    return h;
}

HealthHistory::Recorded HealthHistory::record(const StudioSnapshot& s) {
    Recorded result = Recorded::Appended;
    if (!samples_.empty() && s.time == samples_.back().time) return Recorded::Ignored;
    if (!samples_.empty() && s.time < samples_.back().time) {
        clear();
        result = Recorded::Restarted;
    }
    HealthSample h = sampleOf(s);
    if (!samples_.empty()) { // the first sample has no "before": its counts are history
        h.newUnderruns = increase(h.underruns, samples_.back().underruns);
        h.newXruns = increase(h.xruns, samples_.back().xruns);
    }
    if (h.newUnderruns) underrunEvents_.push_back({h.time, h.newUnderruns});
    if (h.newXruns) xrunEvents_.push_back({h.time, h.newXruns});
    samples_.push_back(h);
    trim();
    return result;
}

void HealthHistory::clear() {
    samples_.clear();
    underrunEvents_.clear();
    xrunEvents_.clear();
}

void HealthHistory::trim() {
    const double oldest = samples_.back().time - span_;
    while (samples_.size() > maxSamples_ || (samples_.size() > 1 && samples_.front().time < oldest))
        samples_.pop_front();
    const double first = samples_.front().time;
    for (std::deque<HealthEvent>* events : {&underrunEvents_, &xrunEvents_})
        while (!events->empty() && events->front().time < first) events->pop_front();
}

QString HealthHistory::csvHeader() {
    return QStringLiteral("time_s,fill_min_ms,fill_mean_ms,target_ms,sounding_slots,load_last_pct,"
                          "load_p99_pct,gc_pause_p99_ms,gc_pause_max_ms,heap_mib,underruns,xruns,"
                          "new_underruns,new_xruns");
}

bool HealthHistory::writeCsv(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        if (error) *error = cannotWrite(path, file.errorString());
        return false;
    }
    QByteArray out = csvHeader().toUtf8() + '\n';
    for (const HealthSample& h : samples_) {
        const QStringList row = {cell(h.time, 3),
                                 cell(h.fillMinMs, 3),
                                 cell(h.fillMeanMs, 3),
                                 cell(h.targetMs, 3),
                                 QString::number(h.soundingSlots),
                                 cell(h.loadLastPct, 2),
                                 cell(h.loadP99Pct, 2),
                                 cell(h.gcPauseP99Ms, 3),
                                 cell(h.gcPauseMaxMs, 3),
                                 cell(h.heapMb, 2),
                                 QString::number(h.underruns),
                                 QString::number(h.xruns),
                                 QString::number(h.newUnderruns),
                                 QString::number(h.newXruns)};
        out += row.join(',').toUtf8() + '\n';
    }
    file.write(out);
    if (!file.commit()) {
        if (error) *error = cannotWrite(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace govox::ui
