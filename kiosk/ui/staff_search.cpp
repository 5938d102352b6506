// Finding someone without a code by name or organisation (umlauts and case do not matter) and
// checking them in by hand. Names appear here, on the staff screen only (principle 5).

#include <algorithm>

#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

void draw_staff_search(ScreenContext& ctx, ImVec2 pos, ImVec2 size) {
  Ui& ui = ctx.ui;
  KioskSession& session = ctx.session;
  float y = pos.y;
  text_at(ui, FontRole::Large, ImVec2(pos.x, y), ui.tr("search.title"), theme::kText);
  y += ui.u(54);
  std::string& query = session.search_field();
  text_field(ui, "search", ui.tr("search.field"), query, ImVec2(pos.x, y), size.x,
             session.take_focus_request());
  session.search(query);
  y += ui.u(96);

  const auto& rows = session.search_results();
  if (rows.empty()) {
    text_in_box(ui, FontRole::Body, ImVec2(pos.x, y), ImVec2(size.x, ui.u(80)),
                ui.tr(query.size() < 2 ? "search.hint" : "search.none"), theme::kMuted);
    return;
  }
  // A row grows with the name: long double names and organisations wrap instead of being cut.
  const float button_w = ui.u(220);
  const float state_w = ui.u(200);
  const float text_w = size.x - button_w - state_w - ui.u(24);
  for (const SearchRow& row : rows) {
    const core::RosterEntry& p = row.person;
    const std::string name = p.last_name + ", " + p.first_name;
    const float name_h = std::min(measure(ui, FontRole::Bold, name, text_w).y, ui.u(100));
    const float org_h =
        p.organisation.empty()
            ? 0
            : std::min(measure(ui, FontRole::Small, p.organisation, text_w).y, ui.u(64));
    const float row_h = std::max(ui.u(72), name_h + org_h + ui.u(18));
    if (y + row_h > pos.y + size.y) break;
    ui.draw->AddLine(ImVec2(pos.x, y), ImVec2(pos.x + size.x, y), theme::kBorder, ui.u(1));
    text_in_box(ui, FontRole::Bold, ImVec2(pos.x, y + ui.u(8)), ImVec2(text_w, name_h), name,
                theme::kText);
    if (org_h > 0)
      text_in_box(ui, FontRole::Small, ImVec2(pos.x, y + ui.u(8) + name_h), ImVec2(text_w, org_h),
                  p.organisation, theme::kMuted);
    const char* state = p.cancelled      ? "search.cancelled"
                        : row.checked_in ? "search.checked_in"
                                         : "search.not_yet";
    text_in_box(ui, FontRole::Small, ImVec2(pos.x + text_w + ui.u(12), y + ui.u(22)),
                ImVec2(state_w - ui.u(12), ui.u(60)), ui.tr(state),
                row.checked_in ? theme::kSuccess
                : p.cancelled  ? theme::kWarning
                               : theme::kMuted);
    ButtonSpec b;
    b.id = "checkin-" + p.participant_id;
    b.label = ui.tr("search.check_in");
    b.key = "search.check_in";
    b.pos = ImVec2(pos.x + size.x - button_w, y + ui.u(8));
    b.size = ImVec2(button_w, ui.u(56));
    b.style = ButtonStyle::Primary;
    b.enabled = !row.checked_in && !p.cancelled;
    if (button(ui, b)) session.check_in_by_hand(p.participant_id, ctx.now);
    y += row_h;
  }
}

}  // namespace einlass::ui
