package dsp

// Quality trades a unit's accuracy against its CPU cost. The voice framework
// may lower it while a voice's ring buffer runs low and raise it again when
// the voice is ahead ("dynamic quality adjustment"), so every unit that has a
// quality setting switches between levels without a click.
//
// The levels are ordered: QualityLow < QualityNormal < QualityHigh. The zero
// value is QualityNormal.
type Quality int

// The quality levels.
const (
	// QualityLow is the cheapest setting, for when a voice is falling behind.
	QualityLow Quality = -1
	// QualityNormal is the default balance of cost and accuracy.
	QualityNormal Quality = 0
	// QualityHigh is the most accurate setting, typically oversampled.
	QualityHigh Quality = 1
)

// String returns the level's name, e.g. "normal".
func (q Quality) String() string {
	switch q {
	case QualityLow:
		return "low"
	case QualityNormal:
		return "normal"
	case QualityHigh:
		return "high"
	}
	return "Quality(invalid)"
}

// clamp returns q limited to the defined levels.
func (q Quality) clamp() Quality {
	if q < QualityLow {
		return QualityLow
	}
	if q > QualityHigh {
		return QualityHigh
	}
	return q
}
