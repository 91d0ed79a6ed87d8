// A full disk: a 64 KiB tmpfs holds a preset; saving a bigger one over it fails with a
// message and leaves the previous file exactly as it was, with no temporary file behind.
//
// Mounting needs privileges. The test re-runs itself inside new user and mount namespaces
// (util-linux `unshare --user --map-root-user --mount`), where an unprivileged user may mount
// a tmpfs and the mount vanishes with the process; failing that, as root it mounts directly
// (and unmounts). Where neither works (a container forbidding user namespaces, no root) it
// skips and says why: faking the error in-process would not test what the kernel does.
#include "TestFiles.hpp"
#include "ui/presets/BundleCodec.hpp"
#include "ui/presets/BundleExport.hpp"
#include "ui/presets/PresetStore.hpp"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <sys/mount.h>
#include <unistd.h>

namespace govox::presets {
namespace {

constexpr char kChildVariable[] = "GOVOX_PRESETS_FULL_DISK_CHILD";
constexpr char kTestName[] = "FullDisk.AFailedSaveLeavesThePreviousFileIntact";

// A small tmpfs on a temporary folder, unmounted when done.
class SmallTmpfs {
public:
    SmallTmpfs() {
        const QByteArray path = dir_.path().toLocal8Bit();
        if (::mount("tmpfs", path.constData(), "tmpfs", 0, "size=64k,mode=0700") != 0)
            error_ = std::strerror(errno);
    }
    ~SmallTmpfs() {
        if (error_.empty()) ::umount2(dir_.path().toLocal8Bit().constData(), MNT_DETACH);
    }
    const std::string& error() const { return error_; }
    QString path() const { return dir_.path(); }

private:
    QTemporaryDir dir_;
    std::string error_;
};

Preset bigPreset(const QString& name) {
    Preset p = test::simplePreset(name, "pad", 9000);
    p.comment = QString(200 * 1024, u'x'); // 200 KiB: more than the whole disk
    return p;
}

void runOnSmallDisk() {
    SmallTmpfs disk;
    if (!disk.error().empty()) GTEST_SKIP() << "cannot mount a tmpfs: " << disk.error();
    PresetStore store(disk.path() + "/presets");
    const Preset small = test::simplePreset("Warm");
    ASSERT_TRUE(store.save(small, Overwrite::Refuse).ok());
    const QString path = disk.path() + "/presets/pad/Warm.govoxpreset";
    const QByteArray before = test::readFile(path);

    const StoreResult replaced = store.save(bigPreset("Warm"), Overwrite::Replace);
    EXPECT_EQ(replaced.error, QStringLiteral("cannot save %1: No space left on device; the "
                                             "previous file is unchanged")
                                  .arg(path));
    EXPECT_EQ(test::readFile(path), before);
    EXPECT_EQ(store.load("pad", "Warm").entry.preset, small);

    const StoreResult added = store.save(bigPreset("Big"), Overwrite::Refuse);
    EXPECT_NE(added.error.indexOf("No space left on device; nothing was written"), -1)
        << added.error.toStdString();
    // No half-written preset, no temporary file.
    EXPECT_EQ(QDir(disk.path() + "/presets/pad").entryList(QDir::Files | QDir::Hidden),
              QStringList{"Warm.govoxpreset"});

    // A bundle's source that does not fit: no destination folder, no temporary one.
    const QString bundle = QDir::tempPath() + "/govox-full-disk-test.govoxbundle";
    ASSERT_TRUE(test::writeFile(
        bundle, writeBundle({"pad", {}, {{"main.go", QByteArray(300 * 1024, '/')}}})));
    const BundleImportResult in =
        importBundle(store, bundle, disk.path() + "/voices/pad", Overwrite::Refuse);
    QFile::remove(bundle);
    EXPECT_NE(in.error.indexOf("No space left on device"), -1) << in.error.toStdString();
    EXPECT_TRUE(QDir(disk.path() + "/voices")
                    .isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
}

// This test run again by itself in a child process under a namespace wrapper.
struct ChildRun {
    bool started = false; // the wrapper works here (else `output` says why not)
    bool skipped = false;
    int exitCode = -1;
    QString output;
};

ChildRun runChild(const QStringList& wrapper) {
    ChildRun run;
    QProcess probe;
    probe.start(wrapper.first(), wrapper.mid(1) + QStringList{"true"});
    if (!probe.waitForFinished(10000) || probe.exitStatus() != QProcess::NormalExit ||
        probe.exitCode() != 0) {
        run.output = QString::fromLocal8Bit(probe.readAllStandardError()).trimmed();
        if (run.output.isEmpty()) run.output = probe.errorString();
        return run;
    }
    run.started = true;
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(kChildVariable, "1");
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    const QString self = QFile::symLinkTarget("/proc/self/exe");
    child.start(wrapper.first(),
                wrapper.mid(1) + QStringList{self, QStringLiteral("--gtest_filter=") + kTestName});
    child.waitForFinished(120000);
    run.exitCode = child.exitStatus() == QProcess::NormalExit ? child.exitCode() : -1;
    run.output = QString::fromLocal8Bit(child.readAll());
    run.skipped = run.output.contains(QStringLiteral("[  SKIPPED ] ") + kTestName);
    return run;
}

TEST(FullDisk, AFailedSaveLeavesThePreviousFileIntact) {
    if (qEnvironmentVariableIsSet(kChildVariable)) {
        runOnSmallDisk();
        return;
    }
    QStringList whyNot;
    const QStringList wrappers[] = {{"unshare", "--user", "--map-root-user", "--mount"},
                                    {"unshare", "--mount"}};
    for (const QStringList& wrapper : wrappers) {
        const ChildRun run = runChild(wrapper);
        if (!run.started) {
            whyNot << wrapper.join(' ') + ": " + run.output;
            continue;
        }
        if (run.skipped) GTEST_SKIP() << run.output.toStdString();
        EXPECT_EQ(run.exitCode, 0) << run.output.toStdString();
        EXPECT_TRUE(run.output.contains(QStringLiteral("[       OK ] ") + kTestName))
            << run.output.toStdString();
        return;
    }
    if (::geteuid() == 0) {
        runOnSmallDisk();
        return;
    }
    GTEST_SKIP() << "no way to mount a small tmpfs here (not root, and no namespaces): "
                 << whyNot.join("; ").toStdString();
}

} // namespace
} // namespace govox::presets
