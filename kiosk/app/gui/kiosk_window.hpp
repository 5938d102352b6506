#pragma once
// The kiosk's one window: GLFW with an OpenGL 3 context and Dear ImGui's GLFW/OpenGL3
// backends. Full screen on the primary monitor (borderless, at the monitor's current mode, so
// nothing flickers), or a plain window of a given size for development and tests.

#include <string>

struct GLFWwindow;

namespace einlass::ui {
class FontSet;
}

namespace einlass::app::gui {

struct WindowSize {
  int width = 0, height = 0;  // 0 = full screen
};

// "1280x800" -> {1280, 800}; "" -> full screen. Throws ConfigurationError for anything else.
WindowSize parse_window_size(const std::string& text);

class KioskWindow {
 public:
  // Throws ui::UiError when there is no display or no OpenGL 3.
  KioskWindow(WindowSize size, bool vsync);
  ~KioskWindow();
  KioskWindow(const KioskWindow&) = delete;
  KioskWindow& operator=(const KioskWindow&) = delete;

  GLFWwindow* handle() const { return window_; }

  // Layout scale (window size against the 1280×800 design grid) and framebuffer pixels per
  // window unit (HiDPI), as of now.
  float layout_scale() const;
  float pixel_ratio() const;
  // Rebuilds the font atlas (and the ImGui style) when the scale changed or new characters
  // are needed. Returns true when it did: the next frame must be drawn.
  bool update_fonts(ui::FontSet& fonts);
  // Clears and renders ImGui's draw data into the back buffer. With `finish`, waits until the
  // GPU is done.
  void render(bool finish);
  // Shows the back buffer; with `finish`, returns only when that is done (latency figures).
  void present(bool finish = false);
  void set_size(int width, int height);

 private:
  GLFWwindow* window_ = nullptr;
  float built_scale_ = 0, built_ratio_ = 0;
};

}  // namespace einlass::app::gui
