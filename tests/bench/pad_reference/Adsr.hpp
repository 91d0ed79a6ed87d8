// Adsr.hpp - dsp.ADSR (go-plugins/dsp/adsr.go): exponential segments with exact segment
// times, a 5 ms glide to a changed sustain level, retrigger from the current level.
//
// The per-sample step is here, inline; planning a segment (pow, log) is in Adsr.cpp.
#pragma once

namespace govox::bench::padref {

class Adsr {
public:
    enum class Stage : int { Idle, Attack, Decay, Sustain, Release };

    // Segment times in seconds, read when a segment starts; sustain level 0..1.
    double attack = 0, decay = 0, release = 0, sustain = 0;
    double sampleRate = 0;

    void gate(bool on);
    bool active() const noexcept { return stage_ != Stage::Idle; }
    // The level the last next() returned, rounded to float32 as dsp.ADSR.Level does.
    float level() const noexcept { return static_cast<float>(level_); }

    float next() {
        switch (stage_) {
        case Stage::Idle: return 0;
        case Stage::Sustain: followSustain(); break;
        default:
            level_ = aim_ + (level_ - aim_) * keep_;
            if (--left_ <= 0) {
                level_ = end_;
                start(static_cast<Stage>(static_cast<int>(stage_) + 1));
            }
        }
        return static_cast<float>(level_);
    }

private:
    void start(Stage s);
    void planAttack();
    void planSegment(double seconds, double end, double overshoot);
    void followSustain();
    int samples(double seconds) const;
    double sustainLevel() const;

    Stage stage_ = Stage::Idle;
    double level_ = 0;
    double aim_ = 0, keep_ = 0, end_ = 0; // level = aim + (level - aim) * keep per sample
    int left_ = 0;                        // samples until the segment ends at end_
};

} // namespace govox::bench::padref
