package sdk

import "fmt"

// renderFunc fills left and right (same length) with a voice's next frames.
type renderFunc func(left, right []float32)

// rendererOf adapts whichever render method the voice has, and names it.
func rendererOf(v Voice) (renderFunc, string, error) {
	switch r := v.(type) {
	case StereoRenderer:
		return r.RenderStereo, "RenderStereo", nil
	case MonoRenderer:
		return func(left, right []float32) {
			r.Render(left)
			copy(right, left)
		}, "Render", nil
	case Processor:
		return func(left, right []float32) {
			out := r.Process(len(left))
			n := copy(left, out)
			for i := n; i < len(left); i++ { // a short slice is padded with silence
				left[i] = 0
			}
			copy(right, left)
		}, "Process", nil
	}
	return nil, "", fmt.Errorf("voice type %T has none of Render([]float32), "+
		"RenderStereo([]float32, []float32) or Process(int) []float32", v)
}
