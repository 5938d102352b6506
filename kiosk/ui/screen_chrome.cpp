// The frame around every screen: the event at the top, the help desk and the language buttons at
// the bottom — so a participant finds their language and where to get help wherever they are.

#include <algorithm>

#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

float draw_header(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const core::Venue& venue = ctx.session.venue();
  const float width = ui.width_units();
  const ImVec2 clock_size = [&] {
    const auto local = ctx.session.clock().local_time_of(ctx.now.wall);
    const std::string clock = core::format_hhmm(local.time);
    const ImVec2 s = measure(ui, FontRole::Title, clock);
    text_at(ui, FontRole::Title, ImVec2(ui.at(width - 40, 0).x - s.x, ui.at(0, 18).y), clock,
            theme::kText);
    return s;
  }();
  const float text_width = ui.u(width - 80 - 24) - clock_size.x;
  text_in_box(ui, FontRole::Bold, ui.at(40, 22), ImVec2(text_width, ui.u(36)),
              ctx.session.event().name, theme::kText);
  std::string where =
      venue.name + " · " + venue.city + " · " + long_date_text(ui, ctx.session.day().ymd);
  text_in_box(ui, FontRole::Small, ui.at(40, 60), ImVec2(text_width, ui.u(28)), where,
              theme::kMuted);
  ui.draw->AddLine(ui.at(40, 100), ui.at(width - 40, 100), theme::kBorder, ui.u(2));
  return 112;
}

float footer_height(const Ui&) {
  return 100;  // room for three lines of the help desk in Leichte Sprache at the Small size
}

void draw_language_buttons(ScreenContext& ctx, ImVec2 right_top, float height) {
  Ui& ui = ctx.ui;
  const auto& languages = ui.strings.languages();
  float x = right_top.x;
  for (std::size_t i = languages.size(); i-- > 0;) {
    const std::string& name = languages[i].name;
    const bool selected = i == ctx.session.language();
    const float w = measure(ui, FontRole::Bold, name).x + ui.u(selected ? 70 : 40);
    x -= w;
    ButtonSpec spec;
    spec.id = "lang-" + languages[i].code;
    spec.label = name;
    spec.key = "lang:" + languages[i].code;
    spec.pos = ImVec2(x, right_top.y);
    spec.size = ImVec2(w, height);
    spec.style = selected ? ButtonStyle::Selected : ButtonStyle::Secondary;
    if (button(ui, spec)) ctx.session.choose_language(i, ctx.now);
    x -= ui.u(12);
  }
}

float draw_footer(ScreenContext& ctx, bool staff_button, bool help_desk) {
  Ui& ui = ctx.ui;
  const float top_units = ui.height_units() - footer_height(ui);
  const ImVec2 top = ui.at(0, top_units);
  ui.draw->AddRectFilled(top, ImVec2(ui.origin.x + ui.size.x, ui.origin.y + ui.size.y),
                         theme::kSurface);
  ui.draw->AddLine(top, ImVec2(ui.origin.x + ui.size.x, top.y), theme::kBorder, ui.u(2));

  float right = ui.width_units() - 40;
  if (staff_button) {
    const float w = 150;
    ButtonSpec spec;
    spec.label = ui.tr("staff.button");
    spec.key = "staff.button";
    spec.pos = ui.at(right - w, top_units + 22);
    spec.size = ImVec2(ui.u(w), ui.u(56));
    spec.style = ButtonStyle::Quiet;
    spec.role = FontRole::Small;
    if (button(ui, spec)) ctx.session.open_pin(PinPurpose::EnterStaff, ctx.now);
    icon_lock(ui.draw, ui.at(right - w + 4, top_units + 38), ui.u(22), theme::kAccent);
    right -= w + 24;
  }
  const ImVec2 lang_right = ui.at(right, top_units + 22);
  draw_language_buttons(ctx, lang_right, ui.u(56));

  // The help desk on the left, in whatever room the language buttons leave.
  const auto& languages = ui.strings.languages();
  float lang_width = 0;
  for (std::size_t i = 0; i < languages.size(); ++i)
    lang_width += measure(ui, FontRole::Bold, languages[i].name).x +
                  ui.u(i == ctx.session.language() ? 70 : 40) + ui.u(12);
  const float help_width = lang_right.x - lang_width - ui.at(40, 0).x - ui.u(24);
  const std::string& desk = ctx.session.venue().help_desk;
  if (help_desk && !desk.empty() && help_width > ui.u(120)) {
    icon_badge(ui.draw, ui.at(58, top_units + 50), ui.u(18), Badge::Info, theme::kAccent,
               theme::kOnColour);
    const std::string help = ui.tr("help.desk", {{"desk", desk}});
    const float h = std::min(measure(ui, FontRole::Small, help, help_width - ui.u(48)).y, ui.u(80));
    text_in_box(ui, FontRole::Small, ImVec2(ui.at(88, 0).x, ui.at(0, top_units + 50).y - h / 2),
                ImVec2(help_width - ui.u(48), ui.u(80)), help, theme::kText);
  }
  return top_units;
}

void draw_status_band(ScreenContext& ctx, ImU32 colour, int badge, const std::string& title,
                      const std::string& subtitle, float height) {
  Ui& ui = ctx.ui;
  ui.draw->AddRectFilled(ui.at(0, 0), ImVec2(ui.origin.x + ui.size.x, ui.at(0, height).y), colour);
  const float r = std::min(62.0f, height * 0.3f);
  icon_badge(ui.draw, ui.at(40 + r, height / 2), ui.u(r), static_cast<Badge>(badge),
             theme::kOnColour, colour);
  const float x = 40 + 2 * r + 36;
  const ImVec2 box(ui.u(ui.width_units() - x - 40), ui.u(height - 40));
  // Measure both, then centre the pair vertically in the band.
  const float gap = subtitle.empty() ? 0 : ui.u(10);
  ImVec2 title_size = measure(ui, FontRole::Title, title, box.x);
  const ImVec2 sub_size =
      subtitle.empty() ? ImVec2(0, 0) : measure(ui, FontRole::Large, subtitle, box.x);
  if (title_size.y + gap + sub_size.y > box.y) title_size.y = box.y - gap - sub_size.y;
  const float top = ui.at(0, 20).y + (box.y - title_size.y - gap - sub_size.y) / 2;
  const float used = text_in_box(ui, FontRole::Title, ImVec2(ui.at(x, 0).x, top),
                                 ImVec2(box.x, title_size.y), title, theme::kOnColour);
  if (!subtitle.empty())
    text_in_box(ui, FontRole::Large, ImVec2(ui.at(x, 0).x, top + used + gap),
                ImVec2(box.x, sub_size.y), subtitle, theme::kOnColour);
}

void draw_next_panel(ScreenContext& ctx, ImVec2 pos, ImVec2 size, const std::string& text) {
  Ui& ui = ctx.ui;
  panel(ui, pos, size, theme::kSurface, 14, theme::kBorder);
  const float arrow = ui.u(40);
  const float text_h =
      std::min(measure(ui, FontRole::Large, text, size.x - ui.u(100)).y, size.y - ui.u(24));
  icon_arrow(ui.draw, ImVec2(pos.x + ui.u(24), pos.y + (size.y - arrow) / 2), arrow, theme::kAccent,
             ui.u(5));
  text_in_box(ui, FontRole::Large, ImVec2(pos.x + ui.u(88), pos.y + (size.y - text_h) / 2),
              ImVec2(size.x - ui.u(112), size.y - ui.u(24)), text, theme::kText);
}

void draw_return_bar(ScreenContext& ctx, float y) {
  Ui& ui = ctx.ui;
  const Outcome& o = ctx.session.outcome();
  const float total = std::chrono::duration<float>(o.until - o.shown_at).count();
  const float left = std::chrono::duration<float>(o.until - ctx.now.steady).count();
  progress_bar(ui, ui.at(0, y - 6), ImVec2(ui.size.x, ui.u(6)), total > 0 ? left / total : 0,
               theme::kAccent, theme::kBorder);
}

}  // namespace einlass::ui
