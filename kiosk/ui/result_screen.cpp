// "Willkommen, Anna!": green band with a check mark and words (never colour alone), the rooms
// for each round, and where to go now. Returns to the welcome by itself (the bar at the bottom
// shows how long) or at the next scan: nobody has to press anything.

#include <algorithm>

#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/next_step.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

namespace {

std::string room_line(const Ui& ui, const core::RoundRoom& r) {
  return r.room_location.empty()
             ? r.room_name
             : ui.tr("rooms.room_at", {{"room", r.room_name}, {"location", r.room_location}});
}

std::string next_step_text(const Ui& ui, const NextStep& step, const core::Venue& venue) {
  switch (step.kind) {
    case NextStepKind::GoToRoom:
      return ui.tr("result.next.go_to_room",
                   {{"round", step.room->round_name}, {"room", room_line(ui, *step.room)}});
    case NextStepKind::RoomLater:
      return ui.tr("result.next.room_later", {{"round", step.room->round_name},
                                              {"time", time_text(ui, step.item->start)},
                                              {"room", room_line(ui, *step.room)}});
    case NextStepKind::PlenaryNow:
      return venue.hall.empty() ? ui.tr("result.next.plenary_now", {{"title", step.item->title}})
                                : ui.tr("result.next.plenary_now_hall",
                                        {{"title", step.item->title}, {"hall", venue.hall}});
    case NextStepKind::PlenaryLater:
      return venue.hall.empty()
                 ? ui.tr("result.next.plenary_later",
                         {{"title", step.item->title}, {"time", time_text(ui, step.item->start)}})
                 : ui.tr("result.next.plenary_later_hall",
                         {{"title", step.item->title},
                          {"time", time_text(ui, step.item->start)},
                          {"hall", venue.hall}});
    case NextStepKind::Break:
      return step.after ? ui.tr("result.next.break", {{"title", step.after->title},
                                                      {"time", time_text(ui, step.after->start)}})
                        : ui.tr("result.next.day_over");
    case NextStepKind::DayOver:
      return ui.tr("result.next.day_over");
  }
  return {};
}

// Admitted at a room door: the room with its round and topic, and how full it is now.
void draw_door_result(ScreenContext& ctx, float top, float bottom) {
  Ui& ui = ctx.ui;
  const core::Decision& d = ctx.session.outcome().decision;
  const float w = ui.width_units() - 80;
  const float h = std::min(300.0f, bottom - top - 24);
  if (!d.rooms.empty())
    draw_round_cards(ctx, {d.rooms.front()}, ui.at(40, top), ImVec2(ui.u(w), ui.u(h - 90)));
  const float y = top + h - 70;
  // This person took the last seat: say so in words, and the bar turns amber, not green.
  const bool full = d.capacity > 0 && d.occupancy >= d.capacity;
  ui.record.fact("room_full", full);
  std::string seats = ui.tr("door.occupancy", {{"occupancy", std::to_string(d.occupancy)},
                                               {"capacity", std::to_string(d.capacity)}});
  if (full) seats += " · " + ui.tr("door.result.now_full");
  text_in_box(ui, FontRole::Bold, ui.at(40, y), ImVec2(ui.u(w), ui.u(40)), seats,
              full ? theme::kWarning : theme::kText);
  progress_bar(ui, ui.at(40, y + 42), ImVec2(ui.u(w), ui.u(16)),
               d.capacity > 0 ? static_cast<float>(d.occupancy) / d.capacity : 0,
               full ? theme::kWarning : theme::kSuccess, theme::kAccentSoft);
}

}  // namespace

void draw_result(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const Outcome& o = ctx.session.outcome();
  const core::Decision& d = o.decision;
  const float width = ui.width_units();
  const float band = 210;
  const bool door = !o.door_room.empty();
  const std::string title =
      d.first_name.empty()
          ? ui.tr(door ? "door.result.title_no_name" : "result.title_no_name")
          : ui.tr(door ? "door.result.title" : "result.title", {{"name", d.first_name}});
  draw_status_band(ctx, theme::kSuccess, static_cast<int>(Badge::Check), title,
                   ui.tr(door ? "door.result.subtitle" : "result.subtitle"), band);

  const float bottom = draw_footer(ctx, false);
  draw_return_bar(ctx, bottom);
  const float top = band + 28;
  if (door) {
    draw_door_result(ctx, top, bottom);
    return;
  }
  // Where to go now, at the height its words need; the rooms above at their natural height.
  std::string next;
  if (d.needs_staff) {
    next = ui.tr("result.needs_staff", {{"desk", ctx.session.venue().help_desk}});
  } else {
    const core::AgendaNow now = ctx.session.clock().at(ctx.now.wall);
    next = next_step_text(ui, next_step(d, ctx.session.day(), now), ctx.session.venue());
  }
  const float next_h = std::clamp(
      measure(ui, FontRole::Large, next, ui.u(width - 80 - 112)).y / ui.fonts.scale() + 40, 100.0f,
      170.0f);
  const float cards_h = std::min(250.0f, bottom - top - next_h - 48);
  draw_round_cards(ctx, d.rooms, ui.at(40, top), ImVec2(ui.u(width - 80), ui.u(cards_h)));
  draw_next_panel(ctx, ui.at(40, top + cards_h + 24), ImVec2(ui.u(width - 80), ui.u(next_h)), next);
}

}  // namespace einlass::ui
