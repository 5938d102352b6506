#pragma once
// Colours and ImGui style of the kiosk. Light and calm: dark text on warm off-white for bright
// foyers, one blue accent, and status colours that always come with an icon and words (never
// colour alone). Every text colour keeps a contrast of at least 7:1 on its background.

#include <imgui.h>

namespace einlass::ui::theme {

inline constexpr ImU32 rgb(unsigned r, unsigned g, unsigned b, unsigned a = 255) {
  return IM_COL32(r, g, b, a);
}

inline constexpr ImU32 kBackground = rgb(0xF4, 0xF2, 0xED);
inline constexpr ImU32 kSurface = rgb(0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kBorder = rgb(0xD6, 0xD1, 0xC7);
inline constexpr ImU32 kText = rgb(0x1A, 0x1E, 0x23);
inline constexpr ImU32 kMuted = rgb(0x4A, 0x52, 0x5C);
inline constexpr ImU32 kOnColour = rgb(0xFF, 0xFF, 0xFF);
inline constexpr ImU32 kAccent = rgb(0x1F, 0x4E, 0x8C);
inline constexpr ImU32 kAccentHover = rgb(0x18, 0x3F, 0x73);
inline constexpr ImU32 kAccentSoft = rgb(0xE2, 0xEA, 0xF5);
inline constexpr ImU32 kSuccess = rgb(0x1B, 0x65, 0x32);
inline constexpr ImU32 kInfo = rgb(0x1F, 0x4E, 0x8C);
inline constexpr ImU32 kWarning = rgb(0x8A, 0x47, 0x00);
inline constexpr ImU32 kError = rgb(0x9B, 0x1C, 0x1C);
inline constexpr ImU32 kDisabled = rgb(0xC9, 0xC5, 0xBD);
inline constexpr ImU32 kPast = rgb(0x6B, 0x72, 0x7A);

// Window background, padding, rounding and widget colours for the few stock ImGui widgets
// (text fields) the kiosk uses.
void apply_style(ImGuiStyle& style, float scale);

}  // namespace einlass::ui::theme
