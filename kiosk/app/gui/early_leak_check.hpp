#pragma once

namespace einlass::app::gui {

// In sanitizer builds: runs LeakSanitizer's check now, while the OpenGL driver is still loaded,
// and not again at exit. Mesa unloads its driver when the window system shuts down; memory the
// driver's globals still pointed to then looks leaked, from frames in an unmapped module that no
// suppression can name. Checked before that, the driver's memory is reachable and only real
// leaks (ours, or the driver's own, which lsan-mesa.supp names) are reported.
// In other builds it does nothing.
void check_leaks_before_graphics_shutdown();

}  // namespace einlass::app::gui
