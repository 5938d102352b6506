#include "kiosk/app/gui/input_router.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>

#include "kiosk/app/gui/scanner_filter.hpp"
#include "kiosk/core/utf8.hpp"

namespace einlass::app::gui {

namespace {

InputRouter& router_of(GLFWwindow* window) {
  return *static_cast<InputRouter*>(glfwGetWindowUserPointer(window));
}

bool participant_screen(ui::Screen s) {
  return s == ui::Screen::Welcome || s == ui::Screen::Result || s == ui::Screen::Problem;
}

// Whether a key press may type a character. GLFW reports the key press *before* the character
// it produces, so such a key must not end what the scanner filter holds: the burst forms from
// the characters that follow. Modifiers are pressed around a scanner's capitals and
// punctuation (Shift, AltGr on a German layout) and type nothing by themselves; a key GLFW
// cannot name may be a layout's extra letter. With Ctrl or Super held a key is a shortcut.
bool may_type_text(int key, int mods) {
  if (key == GLFW_KEY_UNKNOWN || (key >= GLFW_KEY_LEFT_SHIFT && key <= GLFW_KEY_RIGHT_SUPER))
    return true;
  if (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER)) return false;
  const bool printable = (key >= GLFW_KEY_SPACE && key <= GLFW_KEY_GRAVE_ACCENT) ||
                         key == GLFW_KEY_WORLD_1 || key == GLFW_KEY_WORLD_2;
  const bool keypad_text =
      key >= GLFW_KEY_KP_0 && key <= GLFW_KEY_KP_EQUAL && key != GLFW_KEY_KP_ENTER;
  return printable || keypad_text;
}

}  // namespace

InputRouter::InputRouter(GLFWwindow* window, ui::KioskSession& session)
    : window_(window),
      session_(session),
      filter_(std::make_unique<ScannerFilter>([&session](std::string_view code) {
        return session.store().roster_by_code(code).has_value();
      })) {}

InputRouter::~InputRouter() {
  if (now_) glfwSetWindowUserPointer(window_, nullptr);
}

void InputRouter::install_callbacks(std::function<ui::Now()> now) {
  now_ = std::move(now);
  glfwSetWindowUserPointer(window_, this);
  glfwSetCharCallback(window_, [](GLFWwindow* w, unsigned int c) {
    InputRouter& r = router_of(w);
    r.on_char(c, r.now_());
  });
  glfwSetKeyCallback(window_, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
    (void)scancode;
    InputRouter& r = router_of(w);
    r.on_key(key, action, mods, r.now_());
  });
  glfwSetWindowCloseCallback(window_, [](GLFWwindow* w) {
    InputRouter& r = router_of(w);
    r.on_close_request(r.now_());
  });
  glfwSetMouseButtonCallback(window_, [](GLFWwindow* w, int button, int action, int mods) {
    ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
    InputRouter& r = router_of(w);
    r.input_seen_ = true;
    r.session_.activity(r.now_());
  });
  glfwSetScrollCallback(window_, [](GLFWwindow* w, double x, double y) {
    ImGui_ImplGlfw_ScrollCallback(w, x, y);
    router_of(w).input_seen_ = true;
  });
  glfwSetCursorPosCallback(window_, [](GLFWwindow* w, double, double) {
    router_of(w).input_seen_ = true;  // hover highlights follow the pointer
  });
  glfwSetCursorEnterCallback(window_, [](GLFWwindow* w, int entered) {
    ImGui_ImplGlfw_CursorEnterCallback(w, entered);
    router_of(w).input_seen_ = true;
  });
  glfwSetWindowFocusCallback(window_, [](GLFWwindow* w, int focused) {
    ImGui_ImplGlfw_WindowFocusCallback(w, focused);
    router_of(w).input_seen_ = true;
  });
  glfwSetWindowRefreshCallback(window_, [](GLFWwindow* w) { router_of(w).input_seen_ = true; });
  // A new size or a move to a monitor with another scale: the next frame rebuilds the fonts.
  glfwSetFramebufferSizeCallback(window_,
                                 [](GLFWwindow* w, int, int) { router_of(w).input_seen_ = true; });
  glfwSetWindowContentScaleCallback(
      window_, [](GLFWwindow* w, float, float) { router_of(w).input_seen_ = true; });
}

bool InputRouter::take_input_seen() {
  return std::exchange(input_seen_, false);
}

std::optional<ui::Steady> InputRouter::take_scan_arrival() {
  return std::exchange(scan_arrival_, std::nullopt);
}

std::optional<ui::Steady> InputRouter::idle_deadline() const {
  return filter_->next_deadline();
}

// A person's characters first, then what the burst was.
template <typename Result>
void InputRouter::apply(const Result& r, const ui::Now& now) {
  if (!r.typed.empty() || r.scan || r.garbled) input_seen_ = true;
  for (char32_t t : r.typed)
    typed(t, now);
  if (r.scan) {
    scanner_seen_ = true;
    scan_arrival_ = now.steady;
    session_.scan(*r.scan, now);
  }
  if (r.garbled) {
    scanner_seen_ = true;
    session_.unreadable_scan(now);
  }
  if (r.repeated) scanner_seen_ = true;  // the same code again: the answer on screen stands
}

void InputRouter::on_char(char32_t c, const ui::Now& now) {
  input_seen_ = true;
  session_.activity(now);
  apply(filter_->on_char(c, now.steady), now);
}

void InputRouter::on_idle(const ui::Now& now) {
  if (!filter_->holding()) return;
  apply(filter_->on_idle(now.steady), now);
}

void InputRouter::typed(char32_t c, const ui::Now& now) {
  switch (session_.screen()) {
    case ui::Screen::Pin:
      if (c >= '0' && c <= '9') session_.pin_key(static_cast<char>(c), now);
      break;
    case ui::Screen::Staff:
      ImGui_ImplGlfw_CharCallback(window_, static_cast<unsigned int>(c));
      break;
    default: {
      std::string utf8;
      core::append_utf8(utf8, c);
      session_.type_code(utf8, now);
    }
  }
}

void InputRouter::on_key(int key, int action, int mods, const ui::Now& now) {
  input_seen_ = true;
  session_.activity(now);
  const bool press = action == GLFW_PRESS || action == GLFW_REPEAT;
  if (!press) {
    forward_key_to_imgui(key, action, mods);
    return;
  }
  if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER || key == GLFW_KEY_TAB) {
    const ScannerFilter::Result r =
        key == GLFW_KEY_TAB ? filter_->on_tab(now.steady) : filter_->on_enter(now.steady);
    apply(r, now);
    if (r.swallowed) return;
  } else if (!may_type_text(key, mods)) {
    // A key that types nothing (arrows, Escape, Backspace, F-keys, shortcuts) ends a person's
    // typing: what the filter holds was typed before it, so it goes to the screen first.
    on_idle({now.steady + std::chrono::seconds(1), now.wall});
  }
  key_for_screen(key, action, mods, now);
}

void InputRouter::key_for_screen(int key, int action, int mods, const ui::Now& now) {
  const ui::Screen screen = session_.screen();
  if (key == GLFW_KEY_F4 && (mods & GLFW_MOD_ALT)) {
    session_.request_exit(now);
    return;
  }
  if (screen == ui::Screen::Staff) {
    if (key == GLFW_KEY_ESCAPE) {
      session_.leave_staff(now);
      return;
    }
    forward_key_to_imgui(key, action, mods);
    return;
  }
  if (screen == ui::Screen::Pin) {
    if (key == GLFW_KEY_ESCAPE) session_.pin_cancel(now);
    if (key == GLFW_KEY_BACKSPACE) session_.pin_erase();
    if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) session_.pin_submit(now);
    return;
  }
  if (!participant_screen(screen)) return;
  switch (key) {
    case GLFW_KEY_ESCAPE:
      if (!session_.typed_code().empty()) {
        session_.clear_typed_code();
      } else {
        session_.request_exit(now);
      }
      break;
    case GLFW_KEY_BACKSPACE:
      session_.erase_typed_char();
      break;
    case GLFW_KEY_ENTER:
    case GLFW_KEY_KP_ENTER:
      if (!session_.typed_code().empty()) session_.submit_typed_code(now);
      break;
    case GLFW_KEY_F12:
      session_.open_pin(ui::PinPurpose::EnterStaff, now);
      break;
    case GLFW_KEY_V:
      if (mods & GLFW_MOD_CONTROL) paste(now);
      break;
    default:
      break;
  }
}

void InputRouter::paste(const ui::Now& now) {
  const char* text = glfwGetClipboardString(window_);
  if (text && *text) session_.scan(text, now);
}

void InputRouter::forward_key_to_imgui(int key, int action, int mods) {
  ImGui_ImplGlfw_KeyCallback(window_, key, glfwGetKeyScancode(key), action, mods);
}

void InputRouter::on_close_request(const ui::Now& now) {
  // Closing needs the PIN like Escape: the window stays.
  glfwSetWindowShouldClose(window_, GLFW_FALSE);
  input_seen_ = true;
  session_.request_exit(now);
}

}  // namespace einlass::app::gui
