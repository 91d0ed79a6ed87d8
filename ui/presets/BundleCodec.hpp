// BundleCodec.hpp - a shareable voice bundle (.govoxbundle): one JSON file holding a voice's
// Go source and presets, so that another user can open it, play it and hear the same sound.
//
//   {"format": 1, "kind": "govox-bundle", "voice": "pad",
//    "presets": [<preset objects as in a .govoxpreset file>, ...],
//    "source": {"files": [{"path": "main.go", "content": "package main ..."}, ...]}}
//
// Aims
// - A bundle is untrusted input that names files to write: every path is checked here,
//   before anything touches the disk (no absolute paths, no "..", no backslash, no NUL, no
//   control characters; only .go files, go.mod and go.sum).
// - Sizes are bounded (a source file 1 MiB, the bundle 16 MiB) and checked before parsing.
// - A bundle without source carries a selection of presets in one file.
//
// Threads: any; allocates. Reading a file does blocking I/O.
#pragma once

#include "ui/presets/Preset.hpp"

#include <QByteArray>
#include <QList>
#include <QString>

namespace govox::presets {

inline constexpr char kBundleSuffix[] = ".govoxbundle";
inline constexpr char kBundleKind[] = "govox-bundle";
inline constexpr int kBundleFormat = 1;

struct SourceFile {
    QString path;       // relative, '/'-separated, checked by checkSourcePath
    QByteArray content; // UTF-8 text
    friend bool operator==(const SourceFile&, const SourceFile&) = default;
};

struct Bundle {
    QString voice;            // the instrument name the Go voice registers
    QList<Preset> presets;    // all for `voice`
    QList<SourceFile> source; // empty: a bundle of presets only
    friend bool operator==(const Bundle&, const Bundle&) = default;
};

struct BundleReadResult {
    Bundle bundle;
    QString error; // non-empty: nothing was read; names the origin, the field and the problem
    bool ok() const { return error.isEmpty(); }
};

BundleReadResult readBundle(const QByteArray& bytes, const QString& origin);
// Refuses a file over kMaxBundleFileBytes before reading it whole.
BundleReadResult readBundleFile(const QString& path);

// What the reader would refuse in `bundle`, or empty when it may be written.
QString checkBundle(const Bundle& bundle);
QByteArray writeBundle(const Bundle& bundle);

// Empty when `path` may be written inside the folder a bundle is unpacked into, else why
// not ("../x.go: leaves the folder").
QString checkSourcePath(const QString& path);
// Whether a file of this name belongs in a bundle: *.go, go.mod, go.sum.
bool isSourceFileName(const QString& fileName);

} // namespace govox::presets
