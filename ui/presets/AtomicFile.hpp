// AtomicFile.hpp - writes a whole file or nothing (QSaveFile: a temporary file beside the
// target, renamed over it only once everything is written and flushed).
//
// Aims
// - A full disk, a crash or a power cut in the middle of a save leaves the previous file as
//   it was, and no half-written temporary file behind.
//
// Threads: any; blocking I/O.
#pragma once

#include <QByteArray>
#include <QString>

namespace govox::presets {

// Empty on success, else a message naming the file and the system's reason, and saying
// whether a previous version was kept.
QString writeFileAtomically(const QString& path, const QByteArray& bytes);

} // namespace govox::presets
