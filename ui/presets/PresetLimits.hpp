// PresetLimits.hpp - how big a preset or a bundle may be, in one place, so that the readers,
// the writers and the tests agree.
//
// Aims
// - A file is refused by its size before it is parsed, so a huge or endless file (a
//   mistake, /dev/zero, a hostile download) costs nothing.
// - The writers refuse what the readers would refuse: a saved preset always loads again.
#pragma once

#include "engine/abi/govox_abi.h"

#include <QtGlobal>

namespace govox::presets {

inline constexpr qint64 kMaxPresetFileBytes = 1 << 20;  // 1 MiB
inline constexpr qint64 kMaxSourceFileBytes = 1 << 20;  // one Go file in a bundle
inline constexpr qint64 kMaxBundleFileBytes = 16 << 20; // a whole bundle
inline constexpr int kMaxSourceFiles = 256;
inline constexpr int kMaxBundlePresets = 4096;
inline constexpr int kMaxSourcePathBytes = 255;

// A voice declares at most GOVOX_MAX_PARAMS parameters; a preset may hold more, since the
// names a voice no longer has are kept across reloads.
inline constexpr int kMaxPresetParams = 4 * GOVOX_MAX_PARAMS;
inline constexpr int kMaxMidiMappings = 256;
// Parameter names travel through the ABI's NUL-terminated name field.
inline constexpr int kMaxParamNameBytes = GOVOX_NAME_LEN - 1;
inline constexpr int kMaxPresetNameChars = 64; // also becomes a file name
inline constexpr int kMaxVoiceNameBytes = 64;  // also becomes a folder name
inline constexpr int kMaxAuthorChars = 128;

inline constexpr int kMaxMidiChannel = 15;
inline constexpr int kMaxMidiController = 127;

} // namespace govox::presets
