// Resources.hpp - the icon and other compiled-in resources of the UI library.
#pragma once

namespace govox::ui {

// Registers resources.qrc, which lives in the static govox_ui library and would otherwise
// be dropped by the linker. Idempotent; MainWindow calls it.
void initResources();

} // namespace govox::ui
