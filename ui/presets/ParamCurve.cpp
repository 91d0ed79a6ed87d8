#include "ui/presets/ParamCurve.hpp"

#include "engine/abi/govox_abi.h"

#include <algorithm>
#include <cmath>

namespace govox::ui {
namespace {

// A gain knob spans 60 dB: below that a level is inaudible against anything playing.
constexpr double kGainSpanDb = 60.0;

bool isDecibelUnit(const QString& unit) {
    return unit.compare("dB", Qt::CaseInsensitive) == 0;
}

// `v` with `decimals` decimals, never "-0.00".
QString fixed(double v, int decimals) {
    QString s = QString::number(v, 'f', decimals);
    const auto zero = [](QChar c) { return c == '0' || c == '.'; };
    if (s.startsWith('-') && std::all_of(s.begin() + 1, s.end(), zero)) s.remove(0, 1);
    return s;
}

// `v` to three significant figures, in fixed notation ("350", "1.80", "12.0").
QString threeFigures(double v) {
    const double rounded = QString::number(v, 'g', 3).toDouble(); // 999.6 becomes 1000
    if (rounded == 0) return "0";
    const int magnitude = int(std::floor(std::log10(std::fabs(rounded))));
    return fixed(rounded, std::clamp(2 - magnitude, 0, 3));
}

double roundedToThreeFigures(double v) {
    return QString::number(v, 'g', 3).toDouble();
}

// Decimals a readout needs to tell a hundredth of the range apart.
int decimalsForRange(double range) {
    if (!(range > 0)) return 2;
    return std::clamp(2 - int(std::floor(std::log10(range))), 0, 3);
}

QString withUnit(const QString& number, const QString& unit) {
    if (unit.isEmpty()) return number;
    if (unit == "%") return number + unit;
    return number + ' ' + unit;
}

} // namespace

ParamCurve::ParamCurve(double min, double max, std::uint32_t abiCurve, QString unit)
    : min_(std::min(min, max)), max_(std::max(min, max)), unit_(std::move(unit)) {
    switch (abiCurve) {
    case GOVOX_CURVE_EXPONENTIAL:
        kind_ = min_ > 0 ? ui::CurveKind::Exponential : ui::CurveKind::Linear;
        break;
    case GOVOX_CURVE_DECIBEL: kind_ = ui::CurveKind::Decibel; break;
    case GOVOX_CURVE_STEPPED: kind_ = ui::CurveKind::Stepped; break;
    default: kind_ = ui::CurveKind::Linear; break;
    }
    // A value already in decibels moves in equal decibels when it moves linearly; a gain
    // needs the logarithm, and cannot have one below zero.
    if (kind_ == ui::CurveKind::Decibel && !isDecibelUnit(unit_)) {
        if (min_ >= 0 && max_ > 0) {
            gainCurve_ = true;
            gainFloor_ = min_ > 0 ? min_ / max_ : std::pow(10.0, -kGainSpanDb / 20.0);
        } else {
            kind_ = ui::CurveKind::Linear;
        }
    }
}

ParamCurve::ParamCurve(const host::ParamInfo& info)
    : ParamCurve(info.min, info.max, info.curve, QString::fromStdString(info.unit)) {}

double ParamCurve::valueAt(double position) const {
    const double p = std::isnan(position) ? 0.0 : std::clamp(position, 0.0, 1.0);
    if (p <= 0) return clamp(min_);
    if (p >= 1) return clamp(max_);
    switch (kind_) {
    case ui::CurveKind::Exponential: return clamp(min_ * std::pow(max_ / min_, p));
    case ui::CurveKind::Stepped: return clamp(min_ + p * (max_ - min_));
    case ui::CurveKind::Decibel:
        if (gainCurve_) {
            // Equal decibels from the floor to max, shifted and scaled to end at min.
            const double gain = std::pow(gainFloor_, 1.0 - p);
            const double from0 = min_ > 0 ? gain : (gain - gainFloor_) / (1.0 - gainFloor_);
            return clamp(min_ > 0 ? max_ * from0 : min_ + (max_ - min_) * from0);
        }
        [[fallthrough]];
    case ui::CurveKind::Linear: break;
    }
    return clamp(min_ + p * (max_ - min_));
}

double ParamCurve::positionOf(double value) const {
    if (!(max_ > min_)) return 0.0;
    const double v = clamp(std::isnan(value) ? min_ : value);
    switch (kind_) {
    case ui::CurveKind::Exponential:
        return std::clamp(std::log(v / min_) / std::log(max_ / min_), 0.0, 1.0);
    case ui::CurveKind::Decibel:
        if (gainCurve_) {
            const double gain =
                min_ > 0 ? v / max_ : gainFloor_ + (v - min_) / (max_ - min_) * (1.0 - gainFloor_);
            if (gain <= 0) return 0.0;
            return std::clamp(1.0 - std::log(gain) / std::log(gainFloor_), 0.0, 1.0);
        }
        [[fallthrough]];
    case ui::CurveKind::Linear:
    case ui::CurveKind::Stepped: break;
    }
    return std::clamp((v - min_) / (max_ - min_), 0.0, 1.0);
}

double ParamCurve::clamp(double value) const {
    if (std::isnan(value)) value = min_;
    double v = std::clamp(value, min_, max_);
    if (kind_ == ui::CurveKind::Stepped) {
        v = std::round(v);
        // A range whose ends are not whole numbers keeps its whole numbers inside it.
        if (v < min_) v = std::ceil(min_);
        if (v > max_) v = std::floor(max_);
    }
    return v;
}

double ParamCurve::positionStep() const {
    if (kind_ == ui::CurveKind::Stepped && max_ > min_) return 1.0 / (max_ - min_);
    return 0.01;
}

QString ParamCurve::format(double value) const {
    const double v = clamp(value);
    if (kind_ == ui::CurveKind::Stepped) return withUnit(fixed(v, 0), unit_);
    if (gainCurve_ && unit_.isEmpty()) { // a plain gain reads in decibels
        if (v <= 0) return QStringLiteral("-inf dB");
        return withUnit(fixed(20.0 * std::log10(v), 1), "dB");
    }
    if (unit_ == "Hz" && std::fabs(roundedToThreeFigures(v)) >= 1000)
        return withUnit(threeFigures(v / 1000.0), "kHz");
    if (unit_ == "Hz") return withUnit(threeFigures(v), unit_);
    if (unit_ == "s" && std::fabs(roundedToThreeFigures(v * 1000.0)) < 1000)
        return withUnit(threeFigures(v * 1000.0), "ms");
    if (unit_ == "s") return withUnit(threeFigures(v), unit_);
    if (unit_ == "ms" && std::fabs(roundedToThreeFigures(v)) >= 1000)
        return withUnit(threeFigures(v / 1000.0), "s");
    if (unit_ == "ms") return withUnit(threeFigures(v), unit_);
    if (isDecibelUnit(unit_)) return withUnit(fixed(v, max_ - min_ < 2 ? 2 : 1), unit_);
    return withUnit(fixed(v, decimalsForRange(max_ - min_)), unit_);
}

} // namespace govox::ui
