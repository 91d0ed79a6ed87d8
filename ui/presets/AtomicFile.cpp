#include "ui/presets/AtomicFile.hpp"

#include <QFileInfo>
#include <QSaveFile>

namespace govox::presets {

QString writeFileAtomically(const QString& path, const QByteArray& bytes) {
    const bool existed = QFileInfo::exists(path);
    QSaveFile file(path);
    // No fallback to writing in place when the folder is not writable: that would not be
    // atomic any more.
    file.setDirectWriteFallback(false);
    QString reason;
    if (!file.open(QIODevice::WriteOnly)) {
        reason = file.errorString();
    } else if (file.write(bytes) != bytes.size() || !file.commit()) {
        // The temporary file is removed by commit() or, after a failed write, by ~QSaveFile.
        reason = file.errorString();
    }
    if (reason.isEmpty()) return {};
    return QStringLiteral("cannot save %1: %2; %3")
        .arg(path, reason,
             existed ? QStringLiteral("the previous file is unchanged")
                     : QStringLiteral("nothing was written"));
}

} // namespace govox::presets
