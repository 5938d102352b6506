// How the day fills up: people checked in against the roster, and per round each room's
// checked-in people against its seats (and those admitted at its door).

#include <algorithm>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

void draw_staff_counts(ScreenContext& ctx, ImVec2 pos, ImVec2 size) {
  Ui& ui = ctx.ui;
  KioskSession& session = ctx.session;
  // Fresh numbers every few seconds while the tab is open.
  if (ctx.now.steady - session.counts().refreshed_at > std::chrono::seconds(5))
    session.refresh_counts(ctx.now);
  const CountsView& counts = session.counts();
  float y = pos.y;
  text_at(ui, FontRole::Large, ImVec2(pos.x, y), ui.tr("counts.title"), theme::kText);
  y += ui.u(54);
  const auto& t = counts.totals;
  text_in_box(ui, FontRole::Bold, ImVec2(pos.x, y), ImVec2(size.x, ui.u(36)),
              ui.tr("counts.totals", {{"checked_in", std::to_string(t.checked_in)},
                                      {"roster", std::to_string(t.roster + t.walk_ins)},
                                      {"walk_ins", std::to_string(t.walk_ins)},
                                      {"cancelled", std::to_string(t.cancelled)}}),
              theme::kText);
  y += ui.u(52);

  const core::Event& event = session.event();
  const core::Venue& venue = session.venue();
  const std::size_t rounds = event.rounds.size();
  const float gap = ui.u(28);
  const float col_w = (size.x - gap * (rounds - 1)) / std::max<std::size_t>(rounds, 1);
  for (std::size_t r = 0; r < rounds; ++r) {
    const int round = event.rounds[r].number;
    const float x = pos.x + r * (col_w + gap);
    float cy = y;
    text_at(ui, FontRole::Bold, ImVec2(x, cy), event.rounds[r].name, theme::kAccent);
    cy += ui.u(40);
    for (const core::Room& room : venue.rooms) {
      if (std::find(room.rounds.begin(), room.rounds.end(), round) == room.rounds.end()) continue;
      if (cy + ui.u(50) > pos.y + size.y) break;
      const auto it = counts.rooms.find({round, room.id});
      const store::RoomCount c = it == counts.rooms.end() ? store::RoomCount{} : it->second;
      std::string numbers = std::to_string(c.checked_in) + " / " + std::to_string(room.capacity);
      if (c.at_door > 0)
        numbers += "  " + ui.tr("counts.at_door", {{"count", std::to_string(c.at_door)}});
      const float nw = measure(ui, FontRole::Small, numbers).x;
      text_in_box(ui, FontRole::Small, ImVec2(x, cy), ImVec2(col_w - nw - ui.u(12), ui.u(26)),
                  room.name, theme::kText);
      text_at(ui, FontRole::Small, ImVec2(x + col_w - nw, cy), numbers,
              c.checked_in >= room.capacity ? theme::kWarning : theme::kText);
      const float fill = room.capacity > 0 ? static_cast<float>(c.checked_in) / room.capacity : 0;
      progress_bar(ui, ImVec2(x, cy + ui.u(28)), ImVec2(col_w, ui.u(8)), fill,
                   fill >= 1 ? theme::kWarning : theme::kAccent, theme::kAccentSoft);
      cy += ui.u(50);
    }
  }
}

}  // namespace einlass::ui
