#include "tests/bench/pad_reference/Adsr.hpp"

#include <climits>
#include <cmath>

namespace govox::bench::padref {
namespace {

// Go folds 0.3/(1+0.3) as an exact constant; 3/13 is the same value rounded once.
constexpr double kAttackAim = 1.3;
constexpr double kAttackKeepBase = 3.0 / 13.0;
constexpr double kDecayOvershoot = 0.001;
constexpr double kSustainGlide = 0.005; // seconds, time constant

} // namespace

void Adsr::gate(bool on) {
    if (on) {
        start(Stage::Attack);
        return;
    }
    if (stage_ != Stage::Idle && stage_ != Stage::Release) start(Stage::Release);
}

void Adsr::start(Stage s) {
    for (;;) {
        if (static_cast<int>(s) > static_cast<int>(Stage::Release)) s = Stage::Idle;
        stage_ = s;
        switch (s) {
        case Stage::Idle: level_ = 0; return;
        case Stage::Sustain: return;
        case Stage::Attack: planAttack(); break;
        case Stage::Decay: planSegment(decay, sustainLevel(), kDecayOvershoot); break;
        case Stage::Release: planSegment(release, 0, kDecayOvershoot); break;
        }
        if (left_ > 0) return;
        level_ = end_;
        s = s == Stage::Release ? Stage::Idle : static_cast<Stage>(static_cast<int>(s) + 1);
    }
}

void Adsr::planAttack() {
    end_ = 1;
    aim_ = kAttackAim;
    const int n = samples(attack);
    if (n == 0 || level_ >= 1) {
        left_ = 0;
        return;
    }
    keep_ = std::pow(kAttackKeepBase, 1 / static_cast<double>(n));
    const double k = std::log((aim_ - 1) / (aim_ - level_)) / std::log(keep_);
    left_ = static_cast<int>(std::round(k));
}

void Adsr::planSegment(double seconds, double end, double overshoot) {
    end_ = end;
    const int n = samples(seconds);
    if (n == 0 || level_ == end) {
        left_ = 0;
        return;
    }
    aim_ = end - overshoot * (level_ - end);
    keep_ = std::pow(overshoot / (1 + overshoot), 1 / static_cast<double>(n));
    left_ = n;
}

void Adsr::followSustain() {
    const double s = sustainLevel();
    if (level_ == s) return;
    double keep = 0.0;
    if (const double n = kSustainGlide * sampleRate; n > 0) keep = std::exp(-1 / n);
    level_ = s + (level_ - s) * keep;
    if (std::abs(level_ - s) < 1e-7) level_ = s;
}

int Adsr::samples(double seconds) const {
    const double n = std::round(seconds * sampleRate);
    if (!(n > 0)) return 0;
    if (n > INT_MAX) return INT_MAX;
    return static_cast<int>(n);
}

double Adsr::sustainLevel() const {
    if (!(sustain > 0)) return 0;
    if (sustain > 1) return 1;
    return sustain;
}

} // namespace govox::bench::padref
