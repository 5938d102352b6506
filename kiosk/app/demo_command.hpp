#pragma once
// `einlass-kiosk demo`: prepares the demo world and opens the kiosk window on it (through
// `gui`, supplied by the program so that this library stays headless), or with --headless plays
// the guided tour in the terminal. The one-argument add_demo_command() in commands.hpp is the
// headless-only form.

#include <functional>

#include "kiosk/app/commands.hpp"
#include "kiosk/app/demo_world.hpp"
#include "kiosk/app/gui_options.hpp"

namespace einlass::app {

using DemoWindowRunner =
    std::function<int(const KioskOptions& kiosk, const GuiOptions& gui, const DemoWorld& world)>;

CommandRunner add_demo_command(CLI::App& app, DemoWindowRunner window);

}  // namespace einlass::app
