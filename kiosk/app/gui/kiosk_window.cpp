#include "kiosk/app/gui/kiosk_window.hpp"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>

#include "kiosk/app/gui/early_leak_check.hpp"
#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/ui_error.hpp"

namespace einlass::app::gui {

namespace {

std::string last_glfw_error() {
  const char* description = nullptr;
  glfwGetError(&description);
  return description ? description : "unknown error";
}

GLFWwindow* create(WindowSize size) {
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  if (size.width > 0) {
    glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
    return glfwCreateWindow(size.width, size.height, "Einlass", nullptr, nullptr);
  }
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  if (!monitor) return nullptr;
  const GLFWvidmode* mode = glfwGetVideoMode(monitor);
  // The monitor's current mode: "windowed full screen", no mode switch, no flicker.
  glfwWindowHint(GLFW_RED_BITS, mode->redBits);
  glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
  glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
  glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
  return glfwCreateWindow(mode->width, mode->height, "Einlass", monitor, nullptr);
}

}  // namespace

WindowSize parse_window_size(const std::string& text) {
  if (text.empty()) return {};
  std::smatch m;
  static const std::regex pattern(R"((\d{3,5})x(\d{3,5}))");
  if (!std::regex_match(text, m, pattern))
    throw ConfigurationError("--windowed \"" + text + "\" is not a size; write it like 1280x800");
  return {std::stoi(m[1]), std::stoi(m[2])};
}

KioskWindow::KioskWindow(WindowSize size, bool vsync) {
  if (!glfwInit()) {
    throw ui::UiError("cannot open the kiosk window: " + last_glfw_error() +
                      " (no display? set DISPLAY, or run the headless commands)");
  }
  window_ = create(size);
  if (!window_) {
    const std::string why = last_glfw_error();
    glfwTerminate();
    throw ui::UiError("cannot create the kiosk window with OpenGL 3.3: " + why);
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(vsync ? 1 : 0);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // nothing to remember between runs: every start looks the same
  io.LogFilename = nullptr;
  io.ConfigInputTextCursorBlink = false;  // a blinking cursor would keep the loop awake
  // The window's own callbacks forward to the backend (input_router.cpp), so scanner bursts
  // can be taken out before ImGui sees them.
  ImGui_ImplGlfw_InitForOpenGL(window_, false);
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

KioskWindow::~KioskWindow() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  check_leaks_before_graphics_shutdown();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

float KioskWindow::layout_scale() const {
  int w = 0, h = 0;
  glfwGetWindowSize(window_, &w, &h);
  if (w <= 0 || h <= 0) return built_scale_ > 0 ? built_scale_ : 1.0f;
  // Quantised, so a window dragged by a few pixels does not rebuild the fonts every frame.
  const float s = std::min(w / 1280.0f, h / 800.0f);
  return std::max(0.5f, std::round(s * 20) / 20);
}

float KioskWindow::pixel_ratio() const {
  int w = 0, h = 0, fw = 0, fh = 0;
  glfwGetWindowSize(window_, &w, &h);
  glfwGetFramebufferSize(window_, &fw, &fh);
  return w > 0 && fw > 0 ? static_cast<float>(fw) / w : 1.0f;
}

bool KioskWindow::update_fonts(ui::FontSet& fonts) {
  const float scale = layout_scale();
  const float ratio = pixel_ratio();
  if (!fonts.dirty() && scale == built_scale_ && ratio == built_ratio_) return false;
  ImGuiIO& io = ImGui::GetIO();
  fonts.build(*io.Fonts, scale, ratio);
  io.FontGlobalScale = 1.0f / ratio;  // glyphs are rasterised at framebuffer resolution
  ui::theme::apply_style(ImGui::GetStyle(), scale);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  built_scale_ = scale;
  built_ratio_ = ratio;
  return true;
}

void KioskWindow::render(bool finish) {
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(window_, &fw, &fh);
  glViewport(0, 0, fw, fh);
  const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(ui::theme::kBackground);
  glClearColor(bg.x, bg.y, bg.z, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (finish) glFinish();
}

void KioskWindow::present(bool finish) {
  glfwSwapBuffers(window_);
  if (finish) glFinish();
}

void KioskWindow::set_size(int width, int height) {
  glfwSetWindowSize(window_, width, height);
}

}  // namespace einlass::app::gui
