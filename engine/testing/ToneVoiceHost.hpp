// TEMPORARY forwarding header while work in progress moves over: use
// engine/standin/ToneVoiceHost.hpp and govox::standin (the namespace `testing` clashed
// with GoogleTest's). Remove once nothing includes this.
#pragma once
#include "engine/standin/ToneVoiceHost.hpp"
namespace govox::testing {
using standin::Tone;
using standin::ToneVoiceHost;
} // namespace govox::testing
