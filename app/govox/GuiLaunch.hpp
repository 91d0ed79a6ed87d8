#pragma once

namespace govox::app {

// Opens the main window and runs the Qt event loop. Without a display it explains how to
// run Govox headless instead of letting Qt abort.
int launchGui(int argc, char** argv);

} // namespace govox::app
