#include "ui/window/Resources.hpp"

#include <QtGlobal>

// Q_INIT_RESOURCE names a function in the global namespace, so it is called from there.
static void initResourcesGlobal() {
    Q_INIT_RESOURCE(resources);
}

namespace govox::ui {

void initResources() {
    static const bool done = (initResourcesGlobal(), true);
    (void)done;
}

} // namespace govox::ui
