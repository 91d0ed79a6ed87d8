// Package dsp is Govox's building-block library for synthesizer voices,
// pure Go with no dependencies beyond the standard library.
//
// # What there is
//
//   - Oscillators: band-limited Saw, Square (pulse) and Triangle (PolyBLEP),
//     Sine, UnisonSaw, SyncSaw (hard sync), FMOperator (phase modulation
//     with feedback).
//   - Noise and control: Noise (white), PinkNoise, BrownNoise, VelvetNoise,
//     SampleHold, Slew, LFO, ADSR, Smoother, Ramp.
//   - Filters: MoogLadder, SVF, Biquad (every RBJ cookbook type), OnePole,
//     DCBlocker, Saturator (antialiased by ADAA or 2x oversampling).
//   - Delays and effects: DelayLine (linear, Lagrange and allpass reads),
//     AllpassDelay (a fractional delay exact at one frequency, for tuned
//     loops), Comb, SchroederAllpass, Chorus, Flanger, Phaser.
//
// # Aims
//
//   - Caller owns the buffer. Every unit has a per-sample Next and a block
//     method that writes into a slice the caller provides: Fill(out) for a
//     generator (oscillators, noise, envelopes, LFOs, smoothers), Process(dst,
//     src) for a filter. They never allocate, lock or do I/O, so a voice can
//     run them in its render loop without creating garbage. Render and Apply
//     are the easy, allocating paths for code that does not care.
//   - Block and sample paths agree. Fill(buf) produces exactly the samples
//     that len(buf) calls of Next would, whatever the chunk size.
//   - Time only moves when you say so. Next moves a unit on by one sample;
//     code that updates a modulation source every N samples (a control rate)
//     calls Advance(N) - or Next and then Advance(N-1) - on LFOs, envelopes and
//     smoothers, or they run N times too slowly.
//   - The sample rate is an argument, never a global: each unit is told the
//     rate together with the frequency or time that depends on it.
//   - Samples are float32. Phase accumulators, filter states and envelope
//     levels are float64 internally, where float32 would drift or lose low
//     cutoffs; they cost the same on the scalar code Go generates.
//   - Zero values are usable, and each type's doc says what its zero value
//     is: a zero Sine or Triangle is silent at phase 0; a zero Saw or Square
//     is stopped at phase 0 and holds its wave's value there (-1 or +1: a
//     constant, not a sound, until SetFrequency); a zero Noise is seeded with
//     0; a zero MoogLadder runs at QualityNormal with its cutoff at 0
//     (silent); a zero filter of the delay and biquad families passes its
//     input through.
//   - Deterministic. Noise and the sample-and-hold LFO take explicit seeds, so
//     the same voice renders the same samples every time.
//
// # Threads
//
// No type in this package is safe for concurrent use. A voice owns its
// units and calls them from the one goroutine that renders it.
//
// # Modulating ahead of the audio
//
// Voices render ahead of the engine, so a modulation source can be rendered
// into a buffer for a whole block first and then applied sample by sample.
// See Multiply and the package examples.
package dsp
