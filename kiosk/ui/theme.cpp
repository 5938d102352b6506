#include "kiosk/ui/theme.hpp"

namespace einlass::ui::theme {

namespace {
ImVec4 v(ImU32 c) {
  return ImGui::ColorConvertU32ToFloat4(c);
}
}  // namespace

void apply_style(ImGuiStyle& style, float scale) {
  style = ImGuiStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(0, 0);
  style.WindowBorderSize = 0;
  style.WindowRounding = 0;
  style.FramePadding = ImVec2(14, 10);
  style.FrameRounding = 8;
  style.FrameBorderSize = 2;
  style.ItemSpacing = ImVec2(12, 12);
  style.ScrollbarSize = 22;
  style.ScrollbarRounding = 8;
  style.ScaleAllSizes(scale);
  auto* c = style.Colors;
  c[ImGuiCol_WindowBg] = v(kBackground);
  c[ImGuiCol_ChildBg] = v(kBackground);
  c[ImGuiCol_Text] = v(kText);
  c[ImGuiCol_TextDisabled] = v(kMuted);
  c[ImGuiCol_FrameBg] = v(kSurface);
  c[ImGuiCol_FrameBgHovered] = v(kSurface);
  c[ImGuiCol_FrameBgActive] = v(kSurface);
  c[ImGuiCol_Border] = v(kBorder);
  c[ImGuiCol_TextSelectedBg] = v(kAccentSoft);
  c[ImGuiCol_NavHighlight] = v(kAccent);
  c[ImGuiCol_ScrollbarBg] = v(kBackground);
  c[ImGuiCol_ScrollbarGrab] = v(kBorder);
}

}  // namespace einlass::ui::theme
