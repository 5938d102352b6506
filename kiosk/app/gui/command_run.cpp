#include "kiosk/app/gui/command_run.hpp"

#include <memory>

#include "kiosk/app/gui/kiosk_runtime.hpp"
#include "kiosk/app/gui/live_loop.hpp"
#include "kiosk/app/gui/script_runner.hpp"

namespace einlass::app::gui {

int run_kiosk_window(const KioskOptions& kiosk, const GuiOptions& gui, const DemoWorld* demo) {
  // Parse the script before anything opens: a typo fails fast, without a window.
  const std::vector<ScriptStep> steps =
      gui.script.empty() ? std::vector<ScriptStep>{} : load_script(gui.script);
  KioskRuntime runtime(kiosk, gui, demo);
  if (!gui.script.empty()) return run_script(runtime, steps, gui.screenshot_dir);
  return run_live(runtime);
}

CommandRunner add_run_command(CLI::App& app) {
  auto kiosk = std::make_shared<KioskOptions>();
  auto gui = std::make_shared<GuiOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run", "open the kiosk: full screen on the primary monitor (the default command)");
  add_kiosk_options(*cmd, *kiosk);
  add_gui_options(*cmd, *gui);
  return [kiosk, gui]() -> int { return run_kiosk_window(*kiosk, *gui, nullptr); };
}

}  // namespace einlass::app::gui
