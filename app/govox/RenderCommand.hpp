#pragma once

namespace govox::app {

// `govox render --voice DIR --midi FILE.mid --out FILE.wav`: builds the voice if needed
// and renders the MIDI file through it offline, deterministically, until the song has
// ended and every voice has gone quiet.
int runRenderCommand(int argc, char** argv);

} // namespace govox::app
