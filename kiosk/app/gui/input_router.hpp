#pragma once
// Where keyboard and mouse input goes. Every character, Enter and Tab passes the keyboard-wedge
// scanner filter first, whatever has focus: a scanner "types" a whole code in a few
// milliseconds, and that burst must become a scan, never text in a staff form. What a person
// typed goes on to the screen: digits to the PIN pad, text to staff fields, a code typed at the
// welcome screen to the check-in. Escape, Alt+F4 and closing the window ask for the staff PIN.
// The script runner drives the same entry points the GLFW callbacks use.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/ui/kiosk_session.hpp"

struct GLFWwindow;

namespace einlass::app::gui {

class ScannerFilter;

class InputRouter {
 public:
  InputRouter(GLFWwindow* window, ui::KioskSession& session);
  ~InputRouter();

  // Installs the GLFW callbacks (live mode). `now` supplies the time for events.
  void install_callbacks(std::function<ui::Now()> now);

  void on_char(char32_t c, const ui::Now& now);
  // GLFW key codes and actions (GLFW_PRESS, GLFW_REPEAT, GLFW_RELEASE) and modifier bits.
  void on_key(int key, int action, int mods, const ui::Now& now);
  void on_close_request(const ui::Now& now);
  // Releases characters the scanner filter held back once typing has paused.
  void on_idle(const ui::Now& now);
  // When on_idle() must run next while characters are held back (nullopt: nothing held).
  std::optional<ui::Steady> idle_deadline() const;

  // Any input since the last call: the loop builds a frame.
  bool take_input_seen();
  // When the last scan by keyboard-wedge scanner arrived (for latency figures).
  std::optional<ui::Steady> take_scan_arrival();
  bool scanner_seen() const { return scanner_seen_; }

 private:
  void typed(char32_t c, const ui::Now& now);
  template <typename Result>
  void apply(const Result& r, const ui::Now& now);
  void key_for_screen(int key, int action, int mods, const ui::Now& now);
  void forward_key_to_imgui(int key, int action, int mods);
  void paste(const ui::Now& now);

  GLFWwindow* window_;
  ui::KioskSession& session_;
  std::unique_ptr<ScannerFilter> filter_;
  std::function<ui::Now()> now_;
  bool input_seen_ = true;
  bool scanner_seen_ = false;
  std::optional<ui::Steady> scan_arrival_;
};

}  // namespace einlass::app::gui
