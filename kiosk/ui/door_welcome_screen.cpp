// Room-door mode's idle screen: which room this is, which round runs (or when admission for the
// next one opens), how many seats are taken, and the prompt to scan — shown only while a scan
// can succeed, so nobody is invited to scan and then refused (before a round, after the last
// one, in a full room).

#include "kiosk/core/door_round.hpp"
#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

namespace {

std::string round_name(const ScreenContext& ctx, const core::AgendaItem& item) {
  const core::Round* round = core::find_round(ctx.session.event(), item.round);
  return round ? round->name : item.title;
}

}  // namespace

void draw_door_welcome(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  KioskSession& session = ctx.session;
  const float top = draw_header(ctx);
  const float bottom = draw_footer(ctx, true);
  const float w = ui.width_units() - 80;
  const core::Room* room = nullptr;
  for (const auto& r : session.venue().rooms)
    if (r.id == session.door_room()) room = &r;
  if (!room) return;

  panel(ui, ui.at(40, top), ImVec2(ui.u(w), ui.u(bottom - top - 24)), theme::kSurface, 16,
        theme::kBorder);
  float y = top + 28;
  text_at(ui, FontRole::Small, ui.at(72, y), ui.tr("door.welcome.label"), theme::kMuted);
  y += 32;
  y += text_in_box(ui, FontRole::Title, ui.at(72, y), ImVec2(ui.u(w - 64), ui.u(70)), room->name,
                   theme::kText) /
       ui.fonts.scale();
  if (!room->location.empty())
    y += text_in_box(ui, FontRole::Large, ui.at(72, y), ImVec2(ui.u(w - 64), ui.u(46)),
                     room->location, theme::kMuted) /
         ui.fonts.scale();
  y += 24;

  const core::DoorRound door = core::door_round(session.day(), session.clock(), ctx.now.wall,
                                                session.setup().setting().door_early_minutes);
  ui.record.fact("door_phase", door.phase == core::DoorPhase::Admitting ? "admitting"
                               : door.phase == core::DoorPhase::Later   ? "later"
                                                                        : "none_left");
  std::string round_line, topic_line;
  if (door.item) {
    round_line = ui.tr(door.running ? "door.welcome.running" : "door.welcome.next",
                       {{"round", round_name(ctx, *door.item)},
                        {"time", time_range_text(ui, door.item->start, door.item->end)}});
    for (const auto& topic : session.event().topics) {
      const core::Room* r = core::room_for(session.venue(), door.item->round, topic.id);
      if (r && r->id == room->id)
        topic_line = topic_text(session.event(), topic.number, topic.name);
    }
    y += text_in_box(ui, FontRole::Bold, ui.at(72, y), ImVec2(ui.u(w - 64), ui.u(40)), round_line,
                     theme::kAccent) /
         ui.fonts.scale();
    if (!topic_line.empty())
      y += text_in_box(ui, FontRole::Body, ui.at(72, y), ImVec2(ui.u(w - 64), ui.u(40)), topic_line,
                       theme::kText) /
           ui.fonts.scale();
    y += 20;
  }

  bool full = false;
  if (door.item) {
    const int taken = session.door_occupancy(ctx.now);
    full = room->capacity > 0 && taken >= room->capacity;
    ui.record.fact("room_full", full);
    text_at(ui, FontRole::Bold, ui.at(72, y),
            ui.tr("door.occupancy", {{"occupancy", std::to_string(taken)},
                                     {"capacity", std::to_string(room->capacity)}}),
            theme::kText);
    progress_bar(ui, ui.at(72, y + 44), ImVec2(ui.u(w - 64), ui.u(16)),
                 room->capacity > 0 ? static_cast<float>(taken) / room->capacity : 0,
                 full ? theme::kWarning : theme::kSuccess, theme::kAccentSoft);
    y += 84;
  }

  // The prompt only while a scan can let someone in; otherwise what is the case instead, with
  // an icon and words (a full room is never told by the bar's colour alone).
  const float icon = 72;
  const ImVec2 text_pos = ui.at(72 + icon + 24, y);
  const ImVec2 text_box(ui.u(w - 64 - icon - 24), ui.u(112));
  if (door.phase == core::DoorPhase::Admitting && !full) {
    icon_qr(ui.draw, ui.at(72, y), ui.u(icon), theme::kText, theme::kSurface);
    text_in_box(ui, FontRole::Large, text_pos, text_box, ui.tr("door.welcome.prompt"),
                theme::kText);
  } else {
    std::string says;
    Badge badge = Badge::Info;
    ImU32 colour = theme::kInfo;
    if (full) {
      says = ui.tr("door.welcome.full");
      badge = Badge::Attention;
      colour = theme::kWarning;
    } else if (door.phase == core::DoorPhase::Later) {
      says = ui.tr("door.welcome.opens",
                   {{"round", round_name(ctx, *door.item)}, {"time", time_text(ui, door.opens)}});
    } else {
      says = ui.tr("door.welcome.no_round");
    }
    icon_badge(ui.draw, ui.at(72 + icon / 2, y + icon / 2), ui.u(icon / 2), badge, colour,
               theme::kOnColour);
    text_in_box(ui, FontRole::Large, text_pos, text_box, says, theme::kText);
  }
  y += icon + 48;
  if (ctx.camera.configured && door.phase == core::DoorPhase::Admitting && !full &&
      bottom - 48 - y > 120)
    draw_camera_panel(ctx, ui.at(72, y), ImVec2(ui.u(w - 64), ui.u(bottom - 48 - y)));
}

}  // namespace einlass::ui
