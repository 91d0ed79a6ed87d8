// ParamCurve.hpp - how a parameter's control travels over its range, and how its value
// reads: the position of a knob (0 at its left stop, 1 at its right) to a value and back
// for each curve a Go voice may declare, and the value formatted with its unit.
//
// Aims
// - Equal control travel means an equal musical step: equal ratios for frequencies and
//   times (exponential), equal decibels for gains (decibel), whole numbers for choices
//   (stepped), equal steps otherwise (linear).
// - Never a NaN or a value out of range, whatever the declaration: an exponential curve
//   over a range that includes zero (the SDK refuses it, an old build may not) falls back
//   to linear.
// - Readouts a musician reads at a glance: three significant figures with the unit
//   scaled ("1.20 kHz", "350 ms"), decibels to a tenth ("-6.0 dB"), whole numbers for
//   stepped parameters, and as many decimals as the range needs otherwise.
//
// Threads: a value type; any thread.
#pragma once

#include "engine/host/ParamInfo.hpp"

#include <QString>

#include <cstdint>

namespace govox::ui {

enum class CurveKind { Linear, Exponential, Decibel, Stepped };

class ParamCurve {
public:
    ParamCurve() = default;
    // `abiCurve` is a govox_param_curve; an unknown one is linear.
    ParamCurve(double min, double max, std::uint32_t abiCurve, QString unit);
    explicit ParamCurve(const host::ParamInfo& info);

    // The curve in use, after any fallback.
    CurveKind kind() const noexcept { return kind_; }
    double min() const noexcept { return min_; }
    double max() const noexcept { return max_; }
    const QString& unit() const noexcept { return unit_; }

    // The value at a control position (clamped to [0, 1]), and the position of a value
    // (clamped to the range). Stepped values are whole numbers.
    double valueAt(double position) const;
    double positionOf(double value) const;
    // A value brought into range (and to a whole number for a stepped curve).
    double clamp(double value) const;
    // How far one key press or wheel notch moves the control: one whole number for a
    // stepped curve, a hundredth of the travel otherwise.
    double positionStep() const;
    // The value with its unit, as the control's readout shows it.
    QString format(double value) const;

private:
    double min_ = 0, max_ = 1;
    CurveKind kind_ = ui::CurveKind::Linear;
    QString unit_;
    // A decibel curve over a gain (a unit other than dB): the travel spans this many
    // decibels below max, ending exactly at min.
    bool gainCurve_ = false;
    double gainFloor_ = 0; // the gain ratio at the bottom of the span, 10^(-span/20)
};

} // namespace govox::ui
