#include "kiosk/ui/widgets.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <imgui_stdlib.h>

#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/theme.hpp"

namespace einlass::ui {

namespace {

RecordedRect rect_of(ImVec2 pos, ImVec2 size) {
  return {pos.x, pos.y, size.x, size.y};
}

void note_glyphs(Ui& ui, FontRole role, std::string_view text) {
  ui.fonts.add_text(text);
  const auto missing = ui.fonts.missing_glyphs(text, role);
  if (!missing.empty()) ui.record.missing_glyphs(text, missing);
}

}  // namespace

std::string_view role_name(FontRole role) {
  switch (role) {
    case FontRole::Small:
      return "small";
    case FontRole::Body:
      return "body";
    case FontRole::Bold:
      return "bold";
    case FontRole::Large:
      return "large";
    case FontRole::Title:
      return "title";
    case FontRole::Count:
      break;
  }
  return "body";
}

ImVec2 measure(const Ui& ui, FontRole role, std::string_view text, float wrap_width) {
  ImFont* font = ui.fonts.font(role);
  if (!font) return {0, 0};
  return font->CalcTextSizeA(ui.fonts.size(role), FLT_MAX, wrap_width, text.data(),
                             text.data() + text.size());
}

ImVec2 text_at(Ui& ui, FontRole role, ImVec2 pos, std::string_view text, ImU32 colour,
               float wrap_width) {
  note_glyphs(ui, role, text);
  const ImVec2 size = measure(ui, role, text, wrap_width);
  ui.draw->AddText(ui.fonts.font(role), ui.fonts.size(role),
                   ImVec2(std::round(pos.x), std::round(pos.y)), colour, text.data(),
                   text.data() + text.size(), wrap_width);
  ui.record.text(text, role_name(role), rect_of(pos, size));
  return size;
}

namespace {

float draw_in_box(Ui& ui, FontRole role, ImVec2 pos, ImVec2 box, std::string_view text,
                  ImU32 colour, Align align, bool record_text) {
  // Try the role asked for, then smaller ones: a long English phrase or a long name shrinks
  // instead of running off the screen.
  // Bold is Body's size, so it gives way straight to Small.
  static constexpr FontRole kSmaller[] = {FontRole::Title, FontRole::Large, FontRole::Bold,
                                          FontRole::Body, FontRole::Small};
  FontRole chosen = role;
  ImVec2 size = measure(ui, role, text, box.x);
  bool fits = size.y <= box.y + 0.5f && size.x <= box.x + 0.5f;
  bool started = false;
  for (FontRole candidate : kSmaller) {
    if (fits) break;
    if (candidate == role) started = true;
    if (!started || candidate == role) continue;
    if (candidate == FontRole::Body && role == FontRole::Bold) continue;
    if (candidate == FontRole::Bold) continue;  // only ever a starting role
    chosen = candidate;
    size = measure(ui, candidate, text, box.x);
    fits = size.y <= box.y + 0.5f && size.x <= box.x + 0.5f;
  }
  if (!fits) ui.record.overflow(text);
  note_glyphs(ui, chosen, text);

  ImFont* font = ui.fonts.font(chosen);
  const float font_size = ui.fonts.size(chosen);
  const ImVec4 clip(pos.x, pos.y, pos.x + box.x, pos.y + box.y);
  // Line by line, so each line can be centred or right-aligned on its own.
  float y = pos.y;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (p < end) {
    const char* line_end = font->CalcWordWrapPositionA(font_size / font->FontSize, p, end, box.x);
    if (line_end == p) ++line_end;  // one over-long word: let it through rather than loop
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', line_end - p));
    if (nl) line_end = nl;
    const float w = font->CalcTextSizeA(font_size, FLT_MAX, 0, p, line_end).x;
    float x = pos.x;
    if (align == Align::Centre) x += (box.x - w) / 2;
    if (align == Align::Right) x += box.x - w;
    ui.draw->AddText(font, font_size, ImVec2(std::round(x), std::round(y)), colour, p, line_end, 0,
                     &clip);
    y += font_size * 1.0f;
    p = line_end;
    if (p < end && (*p == '\n' || *p == ' ')) ++p;  // the break itself is not drawn
    while (p < end && *p == ' ')
      ++p;
  }
  const float used = std::min(y - pos.y, box.y);
  if (record_text) ui.record.text(text, role_name(chosen), rect_of(pos, ImVec2(box.x, used)));
  return used;
}

}  // namespace

float text_in_box(Ui& ui, FontRole role, ImVec2 pos, ImVec2 box, std::string_view text,
                  ImU32 colour, Align align) {
  return draw_in_box(ui, role, pos, box, text, colour, align, true);
}

bool button(Ui& ui, const ButtonSpec& spec) {
  const std::string& id = !spec.id.empty() ? spec.id : !spec.key.empty() ? spec.key : spec.label;
  ImGui::SetCursorScreenPos(spec.pos);
  ImGui::PushID(id.c_str());
  bool clicked = ImGui::InvisibleButton("##button", spec.size);
  const bool hovered = ImGui::IsItemHovered() && spec.enabled;
  const bool held = ImGui::IsItemActive() && spec.enabled;
  ImGui::PopID();
  clicked = clicked && spec.enabled;

  ImU32 fill = theme::kSurface, text = theme::kText, border = theme::kBorder;
  switch (spec.style) {
    case ButtonStyle::Primary:
      fill = held || hovered ? theme::kAccentHover : theme::kAccent;
      text = theme::kOnColour;
      border = 0;
      break;
    case ButtonStyle::Selected:
      fill = theme::kAccent;
      text = theme::kOnColour;
      border = 0;
      break;
    case ButtonStyle::Secondary:
      fill = held ? theme::kAccentSoft : theme::kSurface;
      border = hovered ? theme::kAccent : theme::kBorder;
      break;
    case ButtonStyle::Quiet:
      fill = held || hovered ? theme::kAccentSoft : 0;
      text = theme::kAccent;
      border = 0;
      break;
  }
  if (!spec.enabled) {
    fill = spec.style == ButtonStyle::Quiet ? 0 : theme::kBackground;
    text = theme::kPast;
    border = theme::kDisabled;
  }
  const ImVec2 max(spec.pos.x + spec.size.x, spec.pos.y + spec.size.y);
  const float rounding = ui.u(10);
  if (fill) ui.draw->AddRectFilled(spec.pos, max, fill, rounding);
  if (border) ui.draw->AddRect(spec.pos, max, border, rounding, 0, ui.u(2));
  // A selected toggle also carries a check mark: selection is never shown by colour alone.
  float left = ui.u(12);
  if (spec.style == ButtonStyle::Selected) {
    const float s = std::min(spec.size.y * 0.42f, ui.u(22));
    icon_check_mark(ui.draw, ImVec2(spec.pos.x + ui.u(12), spec.pos.y + (spec.size.y - s) / 2), s,
                    text, ui.u(3));
    left += s + ui.u(4);
  }
  // The label is recorded with the button, not as loose text.
  const ImVec2 box(spec.size.x - left - ui.u(12), spec.size.y - ui.u(8));
  const ImVec2 label_size = measure(ui, spec.role, spec.label, box.x);
  const float y = spec.pos.y + std::max(ui.u(4), (spec.size.y - label_size.y) / 2);
  draw_in_box(ui, spec.role, ImVec2(spec.pos.x + left, y),
              ImVec2(box.x, spec.size.y - (y - spec.pos.y)), spec.label, text, Align::Centre,
              false);
  static constexpr const char* kStyles[] = {"primary", "secondary", "quiet", "selected"};
  ui.record.button({spec.label, spec.key, rect_of(spec.pos, spec.size), spec.enabled,
                    spec.style == ButtonStyle::Selected, kStyles[static_cast<int>(spec.style)]});
  return clicked;
}

bool key_button(Ui& ui, std::string_view key, ImVec2 pos, ImVec2 size, ButtonStyle style,
                bool enabled) {
  ButtonSpec spec;
  spec.label = ui.tr(key);
  spec.key = std::string(key);
  spec.pos = pos;
  spec.size = size;
  spec.style = style;
  spec.enabled = enabled;
  return button(ui, spec);
}

bool text_field(Ui& ui, std::string_view id, std::string_view label, std::string& value, ImVec2 pos,
                float width, bool focus, std::size_t max_bytes) {
  const ImVec2 label_size = text_at(ui, FontRole::Small, pos, label, theme::kMuted);
  ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + label_size.y + ui.u(4)));
  ImGui::PushFont(ui.fonts.font(FontRole::Body));
  ImGui::PushID(std::string(id).c_str());
  ImGui::SetNextItemWidth(width);
  if (focus) ImGui::SetKeyboardFocusHere();
  const bool enter = ImGui::InputText("##field", &value, ImGuiInputTextFlags_EnterReturnsTrue);
  if (value.size() > max_bytes) value.resize(max_bytes);
  const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
  ImGui::PopID();
  ImGui::PopFont();
  ui.fonts.add_text(value);
  ui.record.field(label, value, {min.x, min.y, max.x - min.x, max.y - min.y});
  return enter;
}

bool checkbox(Ui& ui, std::string_view id, std::string_view label, bool& value, ImVec2 pos,
              float width, bool enabled, FontRole role) {
  const float box = ui.u(role == FontRole::Small ? 34 : 40);
  const float text_width = width - box - ui.u(16);
  const ImVec2 label_size = measure(ui, role, label, text_width);
  const float height = std::max(box, label_size.y);
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(std::string(id).c_str());
  const bool clicked = ImGui::InvisibleButton("##check", ImVec2(width, height)) && enabled;
  const bool hovered = ImGui::IsItemHovered() && enabled;
  ImGui::PopID();
  if (clicked) value = !value;

  const ImVec2 box_min(pos.x, pos.y + (height - box) / 2);
  const ImVec2 box_max(box_min.x + box, box_min.y + box);
  const ImU32 edge = !enabled ? theme::kDisabled : hovered ? theme::kAccent : theme::kMuted;
  ui.draw->AddRectFilled(box_min, box_max, value ? theme::kAccent : theme::kSurface, ui.u(6));
  if (!value) ui.draw->AddRect(box_min, box_max, edge, ui.u(6), 0, ui.u(2.5f));
  if (value)
    icon_check_mark(ui.draw, ImVec2(box_min.x + box * 0.18f, box_min.y + box * 0.18f), box * 0.64f,
                    theme::kOnColour, ui.u(4));
  text_at(ui, role, ImVec2(pos.x + box + ui.u(16), pos.y + (height - label_size.y) / 2), label,
          enabled ? theme::kText : theme::kPast, text_width);
  ui.record.button(
      {std::string(label), "", rect_of(pos, ImVec2(width, height)), enabled, value, "checkbox"});
  return clicked;
}

void panel(Ui& ui, ImVec2 pos, ImVec2 size, ImU32 fill, float rounding_units, ImU32 border) {
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  ui.draw->AddRectFilled(pos, max, fill, ui.u(rounding_units));
  if (border) ui.draw->AddRect(pos, max, border, ui.u(rounding_units), 0, ui.u(1.5f));
}

void progress_bar(Ui& ui, ImVec2 pos, ImVec2 size, float fraction, ImU32 fill, ImU32 track) {
  fraction = std::clamp(fraction, 0.0f, 1.0f);
  const ImVec2 max(pos.x + size.x, pos.y + size.y);
  const float rounding = size.y / 2;
  ui.draw->AddRectFilled(pos, max, track, rounding);
  const float filled = std::floor(size.x * fraction);
  if (filled >= 1)
    ui.draw->AddRectFilled(pos, ImVec2(pos.x + std::max(filled, size.y), max.y), fill, rounding);
}

}  // namespace einlass::ui
