#include "kiosk/ui/icons.hpp"

namespace einlass::ui {

namespace {
ImVec2 add(ImVec2 a, float x, float y) {
  return {a.x + x, a.y + y};
}
}  // namespace

void icon_check_mark(ImDrawList* draw, ImVec2 p, float s, ImU32 colour, float thickness) {
  const ImVec2 points[] = {add(p, s * 0.08f, s * 0.52f), add(p, s * 0.38f, s * 0.82f),
                           add(p, s * 0.94f, s * 0.18f)};
  draw->AddPolyline(points, 3, colour, 0, thickness);
}

void icon_badge(ImDrawList* draw, ImVec2 c, float r, Badge badge, ImU32 bg, ImU32 fg) {
  draw->AddCircleFilled(c, r, bg, 48);
  const float t = r * 0.16f;
  switch (badge) {
    case Badge::Check:
      icon_check_mark(draw, ImVec2(c.x - r * 0.5f, c.y - r * 0.48f), r, fg, t);
      break;
    case Badge::Info:
      draw->AddCircleFilled(ImVec2(c.x, c.y - r * 0.45f), t * 0.75f, fg, 16);
      draw->AddRectFilled(ImVec2(c.x - t / 2, c.y - r * 0.18f),
                          ImVec2(c.x + t / 2, c.y + r * 0.55f), fg, t * 0.2f);
      break;
    case Badge::Attention:
      draw->AddRectFilled(ImVec2(c.x - t / 2, c.y - r * 0.55f), ImVec2(c.x + t / 2, c.y + r * 0.2f),
                          fg, t * 0.2f);
      draw->AddCircleFilled(ImVec2(c.x, c.y + r * 0.45f), t * 0.75f, fg, 16);
      break;
    case Badge::Stop: {
      const float a = r * 0.38f;
      draw->AddLine(ImVec2(c.x - a, c.y - a), ImVec2(c.x + a, c.y + a), fg, t);
      draw->AddLine(ImVec2(c.x - a, c.y + a), ImVec2(c.x + a, c.y - a), fg, t);
      break;
    }
  }
}

void icon_qr(ImDrawList* draw, ImVec2 p, float s, ImU32 colour, ImU32 background) {
  // Three finder patterns and a sprinkle of modules on a 7+1+7 grid: reads as "QR code".
  const float m = s / 15;
  auto finder = [&](float gx, float gy) {
    const ImVec2 a = add(p, gx * m, gy * m);
    draw->AddRectFilled(a, add(a, 5 * m, 5 * m), colour);
    draw->AddRectFilled(add(a, m, m), add(a, 4 * m, 4 * m), background);
    draw->AddRectFilled(add(a, 2 * m, 2 * m), add(a, 3 * m, 3 * m), colour);
  };
  finder(0, 0);
  finder(10, 0);
  finder(0, 10);
  static constexpr int kModules[][2] = {{6, 0},   {8, 1},  {7, 3},   {6, 5},  {9, 6},   {11, 6},
                                        {13, 7},  {6, 8},  {8, 8},   {10, 9}, {12, 10}, {7, 11},
                                        {14, 11}, {9, 12}, {11, 13}, {6, 14}, {13, 14}, {0, 7},
                                        {2, 6},   {4, 8},  {1, 9},   {14, 5}};
  for (const auto& [x, y] : kModules)
    draw->AddRectFilled(add(p, x * m, y * m), add(p, (x + 1) * m, (y + 1) * m), colour);
}

void icon_phone_with_qr(ImDrawList* draw, ImVec2 p, float h, ImU32 colour, ImU32 screen) {
  const float w = h * 0.52f;
  draw->AddRectFilled(p, add(p, w, h), colour, w * 0.14f);
  const float margin = w * 0.08f;
  draw->AddRectFilled(add(p, margin, h * 0.1f), add(p, w - margin, h * 0.88f), screen, w * 0.04f);
  draw->AddRectFilled(add(p, w * 0.38f, h * 0.035f), add(p, w * 0.62f, h * 0.055f), screen,
                      h * 0.01f);
  const float qr = w - 4 * margin;
  icon_qr(draw, add(p, 2 * margin, h * 0.49f - qr / 2), qr, colour, screen);
}

void icon_lock(ImDrawList* draw, ImVec2 p, float s, ImU32 colour) {
  const float t = s * 0.12f;
  draw->AddRectFilled(add(p, s * 0.12f, s * 0.45f), add(p, s * 0.88f, s), colour, s * 0.1f);
  draw->PathArcTo(add(p, s * 0.5f, s * 0.42f), s * 0.24f, 3.14159f, 2 * 3.14159f, 16);
  draw->PathStroke(colour, 0, t);
  draw->AddLine(add(p, s * 0.26f, s * 0.42f), add(p, s * 0.26f, s * 0.5f), colour, t);
  draw->AddLine(add(p, s * 0.74f, s * 0.42f), add(p, s * 0.74f, s * 0.5f), colour, t);
}

void icon_arrow(ImDrawList* draw, ImVec2 p, float s, ImU32 colour, float thickness) {
  draw->AddLine(add(p, 0, s / 2), add(p, s * 0.9f, s / 2), colour, thickness);
  const ImVec2 head[] = {add(p, s * 0.55f, s * 0.15f), add(p, s * 0.92f, s / 2),
                         add(p, s * 0.55f, s * 0.85f)};
  draw->AddPolyline(head, 3, colour, 0, thickness);
}

}  // namespace einlass::ui
