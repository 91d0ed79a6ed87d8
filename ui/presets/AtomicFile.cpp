#include "ui/presets/AtomicFile.hpp"

#include <QFileInfo>
#include <QSaveFile>

namespace govox::presets {
namespace {

// The bytes written, or -1 after an error. A disk that fills up first takes a short write
// and only refuses (ENOSPC) the next one, which carries the reason.
qint64 writeAll(QSaveFile& file, const QByteArray& bytes) {
    qint64 done = 0;
    while (done < bytes.size()) {
        const qint64 n = file.write(bytes.constData() + done, bytes.size() - done);
        if (n < 0) return -1;
        if (n == 0) break;
        done += n;
    }
    return done;
}

} // namespace

QString writeFileAtomically(const QString& path, const QByteArray& bytes) {
    const bool existed = QFileInfo::exists(path);
    QSaveFile file(path);
    // No fallback to writing in place when the folder is not writable: that would not be
    // atomic any more.
    file.setDirectWriteFallback(false);
    QString reason;
    // Unbuffered: a buffered QSaveFile reports a full disk as a short write with no reason.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        reason = file.errorString();
    } else if (const qint64 written = writeAll(file, bytes); written != bytes.size()) {
        // ~QSaveFile removes the temporary file: nothing is committed.
        reason = written < 0 ? file.errorString()
                             : QStringLiteral("only %1 of %2 bytes could be written")
                                   .arg(written)
                                   .arg(bytes.size());
    } else if (!file.commit()) { // flush, fsync and rename; the temporary file is removed
        reason = file.errorString();
    }
    if (reason.isEmpty()) return {};
    return QStringLiteral("cannot save %1: %2; %3")
        .arg(path, reason,
             existed ? QStringLiteral("the previous file is unchanged")
                     : QStringLiteral("nothing was written"));
}

} // namespace govox::presets
