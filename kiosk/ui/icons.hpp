#pragma once
// Vector icons drawn with ImDrawList, so they are sharp at any size and need no glyphs: the
// status badge that goes with every result (check, info, attention, stop), a QR pictogram for
// the prompt, a lock for the staff button, an arrow for "where to go next".

#include <imgui.h>

namespace einlass::ui {

enum class Badge { Check, Info, Attention, Stop };

void icon_check_mark(ImDrawList* draw, ImVec2 top_left, float size, ImU32 colour, float thickness);
// A filled circle with the symbol of `badge` in `fg`.
void icon_badge(ImDrawList* draw, ImVec2 centre, float radius, Badge badge, ImU32 bg, ImU32 fg);
void icon_qr(ImDrawList* draw, ImVec2 top_left, float size, ImU32 colour, ImU32 background);
// A phone showing a QR code: "hold your phone (or paper) up".
void icon_phone_with_qr(ImDrawList* draw, ImVec2 top_left, float height, ImU32 colour,
                        ImU32 screen);
void icon_lock(ImDrawList* draw, ImVec2 top_left, float size, ImU32 colour);
void icon_arrow(ImDrawList* draw, ImVec2 top_left, float size, ImU32 colour, float thickness);

}  // namespace einlass::ui
