#pragma once
// The kiosk's few building blocks, drawn large for touch and for reading from a distance: text
// that records itself and must fit its box, buttons with a label (a script clicks them by that
// label), a text field and a checkbox. Positions are absolute, in window units.

#include <string>
#include <string_view>

#include <imgui.h>

#include "kiosk/ui/ui_frame.hpp"

namespace einlass::ui {

enum class Align { Left, Centre, Right };

std::string_view role_name(FontRole role);

// Size of `text` in `role`, wrapped at `wrap_width` (0 = no wrapping).
ImVec2 measure(const Ui& ui, FontRole role, std::string_view text, float wrap_width = 0);

// Draws `text` with its top left at `pos`, wrapped at `wrap_width` (0 = one line per "\n").
// Returns the size it took.
ImVec2 text_at(Ui& ui, FontRole role, ImVec2 pos, std::string_view text, ImU32 colour,
               float wrap_width = 0);

// Draws `text` wrapped into `box`, aligned, in `role` or — when it does not fit — in the next
// smaller role that fits. Text that fits in none is clipped and reported as an overflow in the
// frame record. Returns the height used.
float text_in_box(Ui& ui, FontRole role, ImVec2 pos, ImVec2 box, std::string_view text,
                  ImU32 colour, Align align = Align::Left);

enum class ButtonStyle { Primary, Secondary, Quiet, Selected };

struct ButtonSpec {
  std::string id;     // unique in the frame; defaults to key or label
  std::string label;  // what is shown
  std::string key;    // string key of the label ("" for data labels)
  ImVec2 pos, size;
  ButtonStyle style = ButtonStyle::Secondary;
  bool enabled = true;
  FontRole role = FontRole::Bold;
};

// True on the frame the button was clicked (pressed and released over it).
bool button(Ui& ui, const ButtonSpec& spec);
// A button whose label is the text of `key`.
bool key_button(Ui& ui, std::string_view key, ImVec2 pos, ImVec2 size,
                ButtonStyle style = ButtonStyle::Secondary, bool enabled = true);

// A labelled single-line text field. Returns true when Enter was pressed in it.
bool text_field(Ui& ui, std::string_view id, std::string_view label, std::string& value, ImVec2 pos,
                float width, bool focus = false, std::size_t max_bytes = 120);

// A large checkbox with a wrapped label; returns true when it changed.
bool checkbox(Ui& ui, std::string_view id, std::string_view label, bool& value, ImVec2 pos,
              float width, bool enabled = true, FontRole role = FontRole::Body);

void panel(Ui& ui, ImVec2 pos, ImVec2 size, ImU32 fill, float rounding_units = 14,
           ImU32 border = 0);

// A horizontal bar filled to `fraction`, rounded to whole pixels so an idle screen stays
// pixel-identical between seconds (and is not redrawn).
void progress_bar(Ui& ui, ImVec2 pos, ImVec2 size, float fraction, ImU32 fill, ImU32 track);

}  // namespace einlass::ui
