// The day's agenda on the welcome screen: every item with its time, the running one highlighted
// (background, bar and the word "now" — not colour alone), past ones greyed, then what comes
// next with a countdown and a bar for the progress through the day.

#include <algorithm>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

namespace {

std::string phase_text(const Ui& ui, const core::AgendaNow& now, const core::Day& day) {
  using core::AgendaPhase;
  switch (now.phase) {
    case AgendaPhase::BeforeCheckin:
      return ui.tr("agenda.before_checkin", {{"time", time_text(ui, day.checkin_opens)}});
    case AgendaPhase::Finished:
      return ui.tr("agenda.finished");
    case AgendaPhase::OtherDay:
      return ui.tr("agenda.other_day", {{"date", long_date_text(ui, day.ymd)}});
    default:
      return {};
  }
}

}  // namespace

void draw_agenda_panel(ScreenContext& ctx, ImVec2 pos, ImVec2 size) {
  Ui& ui = ctx.ui;
  const core::Day& day = ctx.session.day();
  const core::AgendaNow now = ctx.session.clock().at(ctx.now.wall);
  panel(ui, pos, size, theme::kSurface, 16, theme::kBorder);

  const float pad = ui.u(24);
  float y = pos.y + ui.u(18);
  const float inner = size.x - 2 * pad;
  text_at(ui, FontRole::Large, ImVec2(pos.x + pad, y), ui.tr("agenda.title"), theme::kText);
  y += ui.u(52);

  // What comes next (with a countdown) or where the day stands; measured first, because the
  // list gives way to it.
  std::string headline = phase_text(ui, now, day);
  if (headline.empty() && now.next_item) {
    const core::AgendaItem& next = day.agenda[*now.next_item];
    headline =
        ui.tr("agenda.next_line", {{"title", next.title},
                                   {"time", time_text(ui, next.start)},
                                   {"countdown", countdown_text(ui, now.seconds_until_next)}});
  } else if (headline.empty() && now.current_item) {
    headline = ui.tr("agenda.last_item");
  }
  const float headline_h = std::min(measure(ui, FontRole::Bold, headline, inner).y, ui.u(130));

  // Rows: time column, then the title wrapped in the rest.
  const float time_col = measure(ui, FontRole::Small, "00:00–00:00").x + ui.u(16);
  const float reserve = headline_h + ui.u(80);  // the headline and the progress bar below
  const float list_bottom = pos.y + size.y - reserve;
  auto title_width = [&](std::size_t i) {
    const bool current = now.current_item && *now.current_item == i;
    const bool tagged = current || (now.next_item && *now.next_item == i);
    return inner - time_col - (tagged ? ui.u(96) : 0) - (current ? ui.u(26) : 0);
  };
  auto row_height = [&](std::size_t i) {
    const core::AgendaItem& item = day.agenda[i];
    const bool current = now.current_item && *now.current_item == i;
    float h =
        std::max(
            measure(ui, current ? FontRole::Bold : FontRole::Small, item.title, title_width(i)).y,
            ui.u(26)) +
        ui.u(10);
    if (current && !item.speaker.empty())
      h += measure(ui, FontRole::Small, item.speaker, title_width(i)).y;
    return h;
  };
  // A long agenda drops finished items from the top first, so "now" and "next" stay visible.
  std::size_t first = 0;
  float total = 0;
  for (std::size_t i = 0; i < day.agenda.size(); ++i)
    total += row_height(i);
  const std::size_t focus = now.current_item.value_or(now.next_item.value_or(day.agenda.size()));
  while (total > list_bottom - y && first < focus)
    total -= row_height(first++);

  for (std::size_t i = first; i < day.agenda.size(); ++i) {
    const core::AgendaItem& item = day.agenda[i];
    const bool current = now.current_item && *now.current_item == i;
    const bool next = now.next_item && *now.next_item == i;
    const bool past =
        ctx.session.clock().item_end(i) <= date::floor<std::chrono::seconds>(ctx.now.wall);
    const std::string& title = item.title;
    const float row_h = row_height(i);
    const ImVec2 title_size =
        measure(ui, current ? FontRole::Bold : FontRole::Small, title, title_width(i));
    if (y + row_h > list_bottom) break;

    const ImU32 colour = past ? theme::kPast : theme::kText;
    if (current) {
      ui.draw->AddRectFilled(ImVec2(pos.x + ui.u(8), y - ui.u(4)),
                             ImVec2(pos.x + size.x - ui.u(8), y + row_h - ui.u(2)),
                             theme::kAccentSoft, ui.u(8));
      ui.draw->AddRectFilled(ImVec2(pos.x + ui.u(8), y - ui.u(4)),
                             ImVec2(pos.x + ui.u(14), y + row_h - ui.u(2)), theme::kAccent,
                             ui.u(3));
    }
    text_at(ui, current ? FontRole::Bold : FontRole::Small,
            ImVec2(pos.x + pad, y + (current ? 0 : ui.u(2))),
            core::format_hhmm(item.start) + "–" + core::format_hhmm(item.end),
            current ? theme::kAccent : colour);
    const float tx = pos.x + pad + time_col + (current ? ui.u(26) : 0);
    text_at(ui, current ? FontRole::Bold : FontRole::Small, ImVec2(tx, y), title,
            current ? theme::kText : colour, title_width(i));
    if (current && !item.speaker.empty())
      text_at(ui, FontRole::Small, ImVec2(tx, y + title_size.y), item.speaker, theme::kMuted,
              title_width(i));
    if (current || next) {
      const std::string tag = ui.tr(current ? "agenda.now" : "agenda.next_tag");
      const ImVec2 ts = measure(ui, FontRole::Small, tag);
      const ImVec2 tag_pos(pos.x + size.x - pad - ts.x - ui.u(8), y);
      ui.draw->AddRectFilled(ImVec2(tag_pos.x - ui.u(8), tag_pos.y - ui.u(1)),
                             ImVec2(tag_pos.x + ts.x + ui.u(8), tag_pos.y + ts.y + ui.u(1)),
                             current ? theme::kAccent : theme::kBackground, ui.u(6));
      text_at(ui, FontRole::Small, tag_pos, tag, current ? theme::kOnColour : theme::kAccent);
    }
    y += row_h;
  }

  float by = pos.y + size.y - reserve + ui.u(10);
  ui.draw->AddLine(ImVec2(pos.x + pad, by - ui.u(6)), ImVec2(pos.x + size.x - pad, by - ui.u(6)),
                   theme::kBorder, ui.u(1.5f));
  text_in_box(ui, FontRole::Bold, ImVec2(pos.x + pad, by), ImVec2(inner, headline_h + ui.u(2)),
              headline, theme::kText);

  // Progress through the day, with the first start and the last end at its ends.
  if (!day.agenda.empty()) {
    const float bar_y = pos.y + size.y - ui.u(50);
    const std::string first = core::format_hhmm(day.agenda.front().start);
    const std::string last = core::format_hhmm(day.agenda.back().end);
    const float fw = measure(ui, FontRole::Small, first).x,
                lw = measure(ui, FontRole::Small, last).x;
    text_at(ui, FontRole::Small, ImVec2(pos.x + pad, bar_y - ui.u(4)), first, theme::kMuted);
    text_at(ui, FontRole::Small, ImVec2(pos.x + size.x - pad - lw, bar_y - ui.u(4)), last,
            theme::kMuted);
    progress_bar(ui, ImVec2(pos.x + pad + fw + ui.u(12), bar_y + ui.u(6)),
                 ImVec2(inner - fw - lw - ui.u(24), ui.u(12)), static_cast<float>(now.progress),
                 theme::kAccent, theme::kAccentSoft);
  }
}

}  // namespace einlass::ui
