#include "app/govox/GuiLaunch.hpp"

#include "app/govox/GoToolchain.hpp"
#include "app/govox/Paths.hpp"
#include "ui/audio/QtAudioBackend.hpp"
#include "ui/studio/Studio.hpp"
#include "ui/window/MainWindow.hpp"
#include "ui/window/Resources.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>
#include <cstdio>
#include <cstdlib>

namespace govox::app {
namespace {

bool hasDisplay() {
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    if (platform && *platform) return true; // offscreen, vnc, ...: the user chose
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 && *x11) || (wayland && *wayland);
}

// Without Go no voice can build; say so once, over the window, rather than leaving the
// user to find "cannot run go" in the build console.
void warnIfNoGo(QWidget* window) {
    if (!findGoTool().empty()) return;
    QTimer::singleShot(0, window, [window] {
        QMessageBox::warning(window, QObject::tr("Go toolchain not found"),
                             QString::fromStdString(missingGoAdvice()));
    });
}

} // namespace

int launchGui(int argc, char** argv) {
    if (!hasDisplay()) {
        std::fprintf(stderr,
                     "govox: no display to open a window on (DISPLAY and WAYLAND_DISPLAY are "
                     "unset).\n"
                     "  Play a voice headless instead, for example:\n"
                     "    govox play --voice %s/voices/pad --watch --hold 57\n"
                     "  or start the window under a virtual display: xvfb-run govox\n",
                     sdkDir().empty() ? "go-plugins" : sdkDir().c_str());
        return 2;
    }
    QApplication app(argc, argv);
    ui::initResources();
    QApplication::setApplicationName("Govox");
    QApplication::setOrganizationName("Govox");
    QApplication::setApplicationVersion(GOVOX_VERSION);
    // Ties the window to govox.desktop (its icon and name in Wayland docks and task bars).
    QGuiApplication::setDesktopFileName("govox");
    QApplication::setWindowIcon(QIcon(":/govox/icons/govox.svg"));
    QCommandLineParser p;
    p.setApplicationDescription("Write synthesizer voices in Go and play them live.");
    p.addOptions({{"voice", "Open this voice folder.", "dir"}});
    p.process(app);
    const std::string sdk = sdkDir();
    ui::registerQtAudioBackend();
    ui::Studio studio(
        {.hostBinary = voiceHostBinary(), .sdkDir = sdk, .buildDir = buildCacheDir()});
    ui::MainWindow window(studio, QString::fromStdString(sdk + "/voices"));
    window.show();
    warnIfNoGo(&window);
    window.begin(p.value("voice"));
    return app.exec();
}

} // namespace govox::app
