#pragma once
// Everything a screen needs to draw one frame: the words of the current language, the fonts,
// the layout scale and the record of what was shown. Created per frame by the view.

#include <cstddef>
#include <string>
#include <string_view>

#include <imgui.h>

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/frame_record.hpp"
#include "kiosk/ui/strings.hpp"

namespace einlass::ui {

struct Ui {
  const StringTables& strings;
  std::size_t language;
  FontSet& fonts;
  FrameRecord& record;
  ImDrawList* draw = nullptr;
  ImVec2 origin{0, 0};  // top left of the display, in window units
  ImVec2 size{1280, 800};

  // Layout units: the screens are designed on a 1280×800 grid and scaled to the window.
  float u(float units) const { return units * fonts.scale(); }
  ImVec2 at(float x, float y) const { return {origin.x + u(x), origin.y + u(y)}; }
  float width_units() const { return size.x / fonts.scale(); }
  float height_units() const { return size.y / fonts.scale(); }

  // The text for `key` in the current language with its {placeholders} filled; notes the key
  // in the frame record.
  std::string tr(std::string_view key, FormatArgs args = {}) const;
};

}  // namespace einlass::ui
