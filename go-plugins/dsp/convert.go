package dsp

import "math"

// StandardA4 is the usual concert pitch of A4 (MIDI note 69) in Hz.
const StandardA4 = 440.0

// MIDIToHz returns the frequency in Hz of a MIDI note number in twelve-tone
// equal temperament, with A4 (note 69) tuned to a4 Hz (StandardA4 for
// concert pitch). note may be fractional, for pitch bend or glide.
func MIDIToHz(note, a4 float64) float64 {
	return a4 * math.Exp2((note-69)/12)
}

// HzToMIDI is the inverse of MIDIToHz: the (fractional) MIDI note number of
// hz with A4 tuned to a4 Hz. hz must be positive.
func HzToMIDI(hz, a4 float64) float64 {
	return 69 + 12*math.Log2(hz/a4)
}

// SemitonesToRatio returns the frequency ratio of an interval of st
// semitones: 12 gives 2, -12 gives 0.5.
func SemitonesToRatio(st float64) float64 {
	return math.Exp2(st / 12)
}

// CentsToRatio returns the frequency ratio of an interval of c cents
// (hundredths of a semitone): 1200 gives 2.
func CentsToRatio(c float64) float64 {
	return math.Exp2(c / 1200)
}

// DBToGain converts a level in decibels to a linear amplitude gain:
// 0 dB gives 1, -6.02 dB about 0.5. Very negative values give gains close
// to 0 but never exactly 0.
func DBToGain(db float64) float64 {
	return math.Pow(10, db/20)
}

// GainToDB converts a linear amplitude gain to decibels. A gain of 0 gives
// negative infinity; negative gains are measured by their magnitude.
func GainToDB(gain float64) float64 {
	return 20 * math.Log10(math.Abs(gain))
}
