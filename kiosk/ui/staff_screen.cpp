// Staff mode: a dark header that makes the mode unmistakable, the tabs on the left, the tab's
// content on the right. It ends by itself after a while without input (the header counts down),
// so a kiosk left in staff mode returns to the participants.

#include <cstdio>

#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

namespace {

struct Tab {
  StaffTab tab;
  const char* key;
};

constexpr Tab kTabs[] = {
    {StaffTab::WalkIn, "staff.tab.walk_in"}, {StaffTab::Search, "staff.tab.search"},
    {StaffTab::Undo, "staff.tab.undo"},      {StaffTab::Counts, "staff.tab.counts"},
    {StaffTab::Status, "staff.tab.status"},  {StaffTab::Door, "staff.tab.door"},
};

std::string minutes_seconds(std::chrono::steady_clock::duration left) {
  const auto s =
      std::max<int64_t>(0, std::chrono::duration_cast<std::chrono::seconds>(left).count());
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld:%02lld", static_cast<long long>(s / 60),
                static_cast<long long>(s % 60));
  return buffer;
}

}  // namespace

void draw_staff(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  KioskSession& session = ctx.session;
  const float width = ui.width_units(), height = ui.height_units();

  // Header.
  const float head = 84;
  ui.draw->AddRectFilled(ui.at(0, 0), ImVec2(ui.origin.x + ui.size.x, ui.at(0, head).y),
                         theme::kText);
  icon_lock(ui.draw, ui.at(28, 22), ui.u(36), theme::kOnColour);
  text_at(ui, FontRole::Large, ui.at(80, 18), ui.tr("staff.title"), theme::kOnColour);
  const auto until = session.staff_until();
  if (until) {
    text_at(ui, FontRole::Small, ui.at(80, 58 - 4),
            ui.tr("staff.auto_logout", {{"time", minutes_seconds(*until - ctx.now.steady)}}),
            theme::rgb(0xD8, 0xDC, 0xE0));
  }
  const float leave_w = 300;
  if (key_button(ui, "staff.leave", ui.at(width - leave_w - 24, 14),
                 ImVec2(ui.u(leave_w), ui.u(56)), ButtonStyle::Secondary))
    session.leave_staff(ctx.now);

  // Tabs.
  const float nav_w = 250;
  float y = head + 20;
  for (const Tab& t : kTabs) {
    if (key_button(ui, t.key, ui.at(20, y), ImVec2(ui.u(nav_w), ui.u(58)),
                   session.tab() == t.tab ? ButtonStyle::Selected : ButtonStyle::Secondary))
      session.staff_tab(t.tab, ctx.now);
    y += 68;
  }
  if (key_button(ui, "staff.quit", ui.at(20, y + 12), ImVec2(ui.u(nav_w), ui.u(58)),
                 ButtonStyle::Quiet))
    session.quit();
  // Language for whoever stands at the desk with staff.
  const auto& languages = ui.strings.languages();
  float ly = height - 20 - languages.size() * 52.0f;
  for (std::size_t i = 0; i < languages.size(); ++i) {
    ButtonSpec b;
    b.id = "lang-" + languages[i].code;
    b.label = languages[i].name;
    b.key = "lang:" + languages[i].code;
    b.pos = ui.at(20, ly);
    b.size = ImVec2(ui.u(nav_w), ui.u(44));
    b.role = FontRole::Small;
    b.style = i == session.language() ? ButtonStyle::Selected : ButtonStyle::Secondary;
    if (button(ui, b)) session.choose_language(i, ctx.now);
    ly += 52;
  }

  const ImVec2 pos = ui.at(nav_w + 48, head + 20);
  const ImVec2 size(ui.u(width - nav_w - 72), ui.u(height - head - 40));
  panel(ui, pos, size, theme::kSurface, 14, theme::kBorder);
  const ImVec2 inner(pos.x + ui.u(28), pos.y + ui.u(22));
  const ImVec2 inner_size(size.x - ui.u(56), size.y - ui.u(44));
  switch (session.tab()) {
    case StaffTab::WalkIn:
      draw_staff_walk_in(ctx, inner, inner_size);
      break;
    case StaffTab::Search:
      draw_staff_search(ctx, inner, inner_size);
      break;
    case StaffTab::Undo:
      draw_staff_undo(ctx, inner, inner_size);
      break;
    case StaffTab::Counts:
      draw_staff_counts(ctx, inner, inner_size);
      break;
    case StaffTab::Status:
      draw_staff_status(ctx, inner, inner_size);
      break;
    case StaffTab::Door:
      draw_staff_door(ctx, inner, inner_size);
      break;
  }
}

}  // namespace einlass::ui
