// A person's rooms: one card per round with its time, topic, the room in large type and how to
// find it. Shown on the result, again for "already checked in", and for "wrong room". A round
// that is already over (a late arrival) gets a narrow grey card with the word "over", so the
// room that still matters stands out; the cards share the full width, like the box below them.

#include <algorithm>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

namespace {

bool round_over(ScreenContext& ctx, const core::RoundRoom& r) {
  if (r.end.minutes_since_midnight <= 0) return false;
  const core::AgendaClock& clock = ctx.session.clock();
  return clock.to_utc(ctx.session.day(), r.end) <= ctx.now.wall;
}

void draw_card(ScreenContext& ctx, const core::RoundRoom& r, ImVec2 p, ImVec2 card, bool over) {
  Ui& ui = ctx.ui;
  const float pad = ui.u(20);
  const ImU32 text = over ? theme::kPast : theme::kText;
  panel(ui, p, card, over ? theme::kBackground : theme::kSurface, 14, theme::kBorder);
  ui.draw->AddRectFilled(p, ImVec2(p.x + ui.u(8), p.y + card.y),
                         over ? theme::kBorder : theme::kAccent, ui.u(14),
                         ImDrawFlags_RoundCornersLeft);
  const float inner = card.x - 2 * pad - ui.u(8);
  float y = p.y + pad - ui.u(4);
  const float x = p.x + pad + ui.u(8);
  if (over) {
    // The word first: nobody should walk to a room whose round has ended.
    y += text_in_box(ui, FontRole::Bold, ImVec2(x, y), ImVec2(inner, ui.u(36)),
                     ui.tr("rooms.over", {{"round", r.round_name}}), theme::kMuted) +
         ui.u(4);
    if (r.end.minutes_since_midnight > 0)
      y += text_in_box(ui, FontRole::Small, ImVec2(x, y), ImVec2(inner, ui.u(30)),
                       time_range_text(ui, r.start, r.end), theme::kPast) +
           ui.u(6);
    if (!r.room_id.empty())
      text_in_box(ui, FontRole::Body, ImVec2(x, y), ImVec2(inner, p.y + card.y - pad - y),
                  r.room_name, text);
    return;
  }
  std::string head = r.round_name;
  if (r.end.minutes_since_midnight > 0) head += " · " + time_range_text(ui, r.start, r.end);
  y +=
      text_in_box(ui, FontRole::Bold, ImVec2(x, y), ImVec2(inner, ui.u(36)), head, theme::kAccent) +
      ui.u(6);
  if (r.room_id.empty()) {
    text_in_box(ui, FontRole::Large, ImVec2(x, y), ImVec2(inner, p.y + card.y - pad - y),
                ui.tr("rooms.none"), theme::kWarning);
    return;
  }
  if (!r.topic_name.empty()) {
    y += text_in_box(ui, FontRole::Body, ImVec2(x, y), ImVec2(inner, ui.u(70)),
                     topic_text(ctx.session.event(), r.topic_number, r.topic_name), text) +
         ui.u(6);
  }
  y += text_in_box(ui, FontRole::Title, ImVec2(x, y), ImVec2(inner, ui.u(64)), r.room_name, text);
  if (!r.room_location.empty()) {
    y += text_in_box(ui, FontRole::Large, ImVec2(x, y), ImVec2(inner, ui.u(44)), r.room_location,
                     text);
  }
  if (r.assigned_here && y + ui.u(30) < p.y + card.y) {
    text_in_box(ui, FontRole::Small, ImVec2(x, p.y + card.y - pad - ui.u(28)),
                ImVec2(inner, ui.u(30)), ui.tr("rooms.assigned_here"), theme::kMuted);
  }
}

}  // namespace

void draw_round_cards(ScreenContext& ctx, const std::vector<core::RoundRoom>& rooms, ImVec2 pos,
                      ImVec2 size) {
  Ui& ui = ctx.ui;
  if (rooms.empty()) return;
  // Up to two side by side; more rounds in two rows. Within a row a finished round takes one
  // share of the width and a current or coming one two, unless all of them are over.
  const int columns = std::min<int>(2, static_cast<int>(rooms.size()));
  const int rows = (static_cast<int>(rooms.size()) + columns - 1) / columns;
  const float gap = ui.u(20);
  const float card_h = (size.y - gap * (rows - 1)) / rows;
  std::vector<bool> over(rooms.size());
  for (std::size_t i = 0; i < rooms.size(); ++i)
    over[i] = round_over(ctx, rooms[i]);
  int over_count = 0;
  for (std::size_t i = 0; i < rooms.size(); ++i)
    over_count += over[i] ? 1 : 0;
  ui.record.fact("rounds_over", over_count);
  for (int row = 0; row < rows; ++row) {
    const std::size_t first = static_cast<std::size_t>(row * columns);
    const std::size_t last = std::min(rooms.size(), first + columns);
    bool any_open = false;
    for (std::size_t i = first; i < last; ++i)
      any_open = any_open || !over[i];
    auto share = [&](std::size_t i) { return over[i] && any_open ? 1.0f : 2.0f; };
    float shares = 0;
    for (std::size_t i = first; i < last; ++i)
      shares += share(i);
    const float width = size.x - gap * static_cast<float>(last - first - 1);
    float x = pos.x;
    for (std::size_t i = first; i < last; ++i) {
      const ImVec2 card(width * share(i) / shares, card_h);
      draw_card(ctx, rooms[i], ImVec2(x, pos.y + row * (card_h + gap)), card, over[i]);
      x += card.x + gap;
    }
  }
}

}  // namespace einlass::ui
