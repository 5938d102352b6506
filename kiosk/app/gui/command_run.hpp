#pragma once
// `einlass-kiosk run` (also what `einlass-kiosk` alone starts): the full-screen kiosk window.

#include "kiosk/app/commands.hpp"
#include "kiosk/app/demo_world.hpp"
#include "kiosk/app/gui_options.hpp"

namespace einlass::app::gui {

CommandRunner add_run_command(CLI::App& app);

// Opens the window on `kiosk` (and, for the demo, its world) and runs it to the end.
int run_kiosk_window(const KioskOptions& kiosk, const GuiOptions& gui, const DemoWorld* demo);

}  // namespace einlass::app::gui
