#pragma once
// The kiosk's loop in daily use: sleep until something happens (input, a worker's wake, the
// next second of the clock, a timeout), then build a frame and draw it only if it changed.

#include "kiosk/app/gui/kiosk_runtime.hpp"

namespace einlass::app::gui {

int run_live(KioskRuntime& runtime);

}  // namespace einlass::app::gui
