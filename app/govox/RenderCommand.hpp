#pragma once

namespace govox::app {

// `govox render --voice DIR --midi FILE.mid --out FILE.wav [--preset FILE.govoxpreset]`:
// builds the voice if needed and renders the MIDI file through it offline,
// deterministically, until the song has ended and every voice has gone quiet. A preset's
// values are set before the first note.
int runRenderCommand(int argc, char** argv);

} // namespace govox::app
