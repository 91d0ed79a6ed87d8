// NoWindow.cpp - launchGui() of a govox built without its window (GOVOX_BUILD_UI=OFF):
// the headless commands work; asking for the window says how to get one.
#include "app/govox/GuiLaunch.hpp"

#include <cstdio>

namespace govox::app {

int launchGui(int, char**) {
    std::fprintf(stderr, "govox: this govox was built without its window (GOVOX_BUILD_UI=OFF).\n"
                         "Its commands work: govox render, govox play, govox tone (govox --help).\n"
                         "Build with -DGOVOX_BUILD_UI=ON (Qt 6 Widgets) for the window.\n");
    return 2;
}

} // namespace govox::app
