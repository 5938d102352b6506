#pragma once
// Plays a script (script.hpp) against the real kiosk: input goes through the same router the
// GLFW callbacks use, clicks press the button that carries a label in the last frame's record,
// and time moves only when the script says so. With a screenshot folder, each step leaves a
// PNG and the JSON dump of what was shown.

#include <filesystem>
#include <vector>

#include "kiosk/app/gui/kiosk_runtime.hpp"
#include "kiosk/app/gui/script.hpp"

namespace einlass::app::gui {

// Exit code: 0 when every step ran, 3 when a step could not (e.g. no button with that label;
// the dump of that step names the buttons that were there).
int run_script(KioskRuntime& runtime, const std::vector<ScriptStep>& steps,
               const std::filesystem::path& screenshot_dir);

inline constexpr int kExitScriptFailed = 3;

}  // namespace einlass::app::gui
