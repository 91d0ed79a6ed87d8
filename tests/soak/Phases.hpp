// Phases.hpp - the parts of a soak run, in the order govox_soak runs them. Each takes a
// rig that plays (the keyboard sending the sequence into Govox), checks what it must into
// the rig's report, and leaves the rig playing for the next.
//
// Threads: the control (UI) thread.
#pragma once

#include "SoakRig.hpp"

#include <string>
#include <vector>

namespace govox::soak {

// Continuous MIDI (up to 32 voices) and a save every 5 s: reloads requested and done,
// memory, descriptors and processes over the run, xruns and underruns, dropouts.
void runSoak(SoakRig& rig, double seconds);
// stress-ng on both cores while 16 notes play: underruns and callback p99 during the
// load, and a clean window after it.
void runLoad(SoakRig& rig, double seconds);
// The voice host killed, stopped, stuck in Render, its ring indices overwritten.
void runHostFaults(SoakRig& rig);
// The keyboard's port vanishing and coming back, a flood, malformed SysEx and bytes.
void runMidiFaults(SoakRig& rig, double floodSeconds);
// The JACK server killed and started again, Govox's MIDI through ALSA or through JACK.
void runJackFault(SoakRig& rig, bool jackMidi);

// CPU taken from the machine by work other than the soak's, over an interval.
class OtherLoad {
public:
    OtherLoad();
    // Percent of all cores used by others since construction.
    double percent() const;

private:
    double machine0_, ours0_, wall0_;
};

} // namespace govox::soak
