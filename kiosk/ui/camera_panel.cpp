// The camera preview on the welcome screen: mirrored like a mirror (people move the code the
// way they expect), the found code outlined, and plain words when the camera is not working.

#include <algorithm>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

void draw_camera_panel(ScreenContext& ctx, ImVec2 pos, ImVec2 size) {
  Ui& ui = ctx.ui;
  const CameraView& cam = ctx.camera;
  if (!cam.texture || cam.width <= 0 || cam.height <= 0 || !cam.running) {
    panel(ui, pos, size, theme::kBackground, 10, theme::kBorder);
    const std::string text =
        ui.tr(cam.unavailable ? "welcome.camera_unavailable" : "welcome.camera_starting");
    text_in_box(ui, FontRole::Body, ImVec2(pos.x + ui.u(16), pos.y + ui.u(16)),
                ImVec2(size.x - ui.u(32), size.y - ui.u(32)), text, theme::kMuted, Align::Centre);
    return;
  }
  // Fit the frame into the box, keeping its aspect ratio.
  const float scale = std::min(size.x / cam.width, size.y / cam.height);
  const ImVec2 shown(cam.width * scale, cam.height * scale);
  const ImVec2 min(pos.x + (size.x - shown.x) / 2, pos.y + (size.y - shown.y) / 2);
  const ImVec2 max(min.x + shown.x, min.y + shown.y);
  // Mirrored: u runs from 1 to 0.
  ui.draw->AddImageRounded(cam.texture, min, max, ImVec2(1, 0), ImVec2(0, 1), IM_COL32_WHITE,
                           ui.u(10));
  if (cam.code_outline) {
    ImVec2 points[4];
    for (int i = 0; i < 4; ++i) {
      const ImVec2 p = (*cam.code_outline)[i];
      points[i] = ImVec2(max.x - p.x * scale, min.y + p.y * scale);
    }
    ui.draw->AddPolyline(points, 4, theme::kSuccess, ImDrawFlags_Closed, ui.u(5));
  }
}

}  // namespace einlass::ui
