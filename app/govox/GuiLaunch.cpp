#include "app/govox/GuiLaunch.hpp"

#include "ui/MainWindow.hpp"

#include <QApplication>
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

} // namespace

int launchGui(int argc, char** argv) {
    if (!hasDisplay()) {
        std::fprintf(stderr,
                     "govox: no display to open a window on (DISPLAY and WAYLAND_DISPLAY are "
                     "unset).\n"
                     "  Run the engine headless instead, for example:\n"
                     "    govox tone --backend null --seconds 5\n"
                     "  or start the window under a virtual display: xvfb-run govox\n");
        return 2;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName("Govox");
    QApplication::setOrganizationName("Govox");
    QApplication::setApplicationVersion(GOVOX_VERSION);
    ui::MainWindow window;
    window.show();
    return app.exec();
}

} // namespace govox::app
