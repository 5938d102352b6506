#pragma once
// A scripted kiosk session, one step per line ('#' starts a comment):
//
//   scan <code>        a code as the camera reads it; "demo:<handle>" names a demo code
//   hid <code>         the code typed by a keyboard-wedge scanner: a fast burst, then Enter
//   type <text>        a person typing (slowly), through the same scanner filter
//                      (both deliver each character as GLFW does: key press, then character)
//   key <name>         Escape, Enter, Tab, Backspace, F1–F12, a character; "alt+F4", "ctrl+v"
//   click <label>      the button with this label, or "key:<string key>", "lang:<code>"
//   wait <n>s | <n>ms  time passes (the script's clock stands still otherwise)
//   await enrolment    real time passes until the enrolment started by scanning an enrolment
//                      code has ended and the window took its result (it talks to a server on
//                      its own thread); the script fails after 60 s
//   clock <time>       the kiosk clock jumps to this time (venue time, like --now)
//   resize <w>x<h>     the window changes size
//   close              the window's close button (or Alt+F4 from a window manager)
//   shot <name>        only a screenshot, named
//   quit               leave the kiosk (a script needs no PIN)
//
// After every step the runner draws the screen and, with --screenshot-dir, writes
// NNN-<step>.png and NNN-<step>.json.

#include <filesystem>
#include <string>
#include <vector>

namespace einlass::app::gui {

struct ScriptStep {
  int line = 0;
  std::string verb;  // as above
  std::string arg;   // the rest of the line, trimmed
};

// Throws ConfigurationError naming the file and line for an unknown verb or missing argument.
std::vector<ScriptStep> parse_script(const std::string& text, const std::string& name);
std::vector<ScriptStep> load_script(const std::filesystem::path& file);

// "wait" durations: "3s", "500ms", "1.5s". Throws ConfigurationError.
std::chrono::milliseconds parse_duration(const std::string& text);

}  // namespace einlass::app::gui
