// When a code does not let someone in: what happened, in plain words, and what to do — with the
// help desk's place from the config. "Already checked in" is calm (blue, the rooms again); the
// rest is amber with an attention sign, never red: most problems are a mix-up, not fraud.

#include <date/date.h>

#include <algorithm>

#include "kiosk/core/door_round.hpp"
#include "kiosk/ui/icons.hpp"
#include "kiosk/ui/screens.hpp"
#include "kiosk/ui/text_format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace einlass::ui {

namespace {

struct ProblemText {
  Badge badge = Badge::Attention;
  ImU32 colour = theme::kWarning;
  std::string title, reason, todo;
  bool rooms = false;  // show the decision's rooms
  bool desk = true;    // point to the help desk
};

std::string local_hhmm(ScreenContext& ctx, int64_t wall_ms) {
  const auto t = core::TimePoint(std::chrono::milliseconds(wall_ms));
  return time_text(ctx.ui, ctx.session.clock().local_time_of(t).time);
}

std::string invalid_reason(const Ui& ui, core::TicketVerdict verdict) {
  switch (verdict) {
    case core::TicketVerdict::Truncated:
      return ui.tr("problem.invalid.truncated");
    case core::TicketVerdict::WrongEvent:
      return ui.tr("problem.invalid.wrong_event");
    case core::TicketVerdict::Expired:
      return ui.tr("problem.invalid.expired");
    case core::TicketVerdict::NotYetValid:
      return ui.tr("problem.invalid.not_yet_valid");
    default:
      return ui.tr("problem.invalid.not_genuine");
  }
}

// When the door admits next, so the person knows when to come back.
std::string no_round_todo(ScreenContext& ctx) {
  const Ui& ui = ctx.ui;
  const core::DoorRound door =
      core::door_round(ctx.session.day(), ctx.session.clock(), ctx.now.wall,
                       ctx.session.setup().setting().door_early_minutes);
  if (!door.item) return ui.tr("door.welcome.no_round");
  const core::Round* round = core::find_round(ctx.session.event(), door.item->round);
  return ui.tr("door.welcome.opens", {{"round", round ? round->name : door.item->title},
                                      {"time", time_text(ui, door.opens)}});
}

ProblemText describe(ScreenContext& ctx) {
  const Ui& ui = ctx.ui;
  const Outcome& o = ctx.session.outcome();
  const core::Decision& d = o.decision;
  const std::string& name = d.first_name;
  ProblemText p;
  if (o.unreadable) {
    p.badge = Badge::Info;
    p.colour = theme::kInfo;
    p.title = ui.tr("problem.unreadable.title");
    p.reason = ui.tr("problem.unreadable.reason");
    p.todo = ui.tr("problem.unreadable.todo");
    p.desk = false;
    return p;
  }
  switch (o.notice) {
    case Notice::None:
      break;
    case Notice::EnrolmentStarted:
      p.badge = Badge::Info;
      p.colour = theme::kInfo;
      p.title = ui.tr("problem.enrolling.title");
      p.reason = ui.tr("problem.enrolling.reason");
      p.desk = false;
      return p;
    case Notice::EnrolmentCode:
      p.badge = Badge::Info;
      p.colour = theme::kInfo;
      p.title = ui.tr("problem.enrol_code.title");
      p.reason = ui.tr("problem.enrol_code.reason");
      p.todo = ui.tr("problem.enrol_code.todo");
      p.desk = false;
      return p;
    case Notice::OutOfService:
      p.title = ui.tr("welcome.out_of_service.title");
      p.reason = ui.tr("welcome.out_of_service.text");
      return p;
  }
  using core::DecisionKind;
  switch (d.kind) {
    case DecisionKind::AlreadyCheckedIn:
      p.badge = Badge::Info;
      p.colour = theme::kInfo;
      p.title = name.empty() ? ui.tr("problem.already.title_no_name")
                             : ui.tr("problem.already.title", {{"name", name}});
      p.reason =
          ui.tr(o.door_room.empty() ? "problem.already.reason" : "problem.already.reason_door",
                {{"time", local_hhmm(ctx, d.earlier_wall_ms)}});
      p.rooms = true;
      p.desk = false;
      break;
    case DecisionKind::WrongVenue:
      p.title = ui.tr("problem.wrong_venue.title");
      p.reason = ui.tr("problem.wrong_venue.reason", {{"venue", d.right_venue_name},
                                                      {"city", d.right_venue_city},
                                                      {"date", date_text(ui, d.right_date)}});
      p.todo = ui.tr("problem.wrong_venue.todo");
      break;
    case DecisionKind::WrongDay:
      p.title = ui.tr("problem.wrong_day.title");
      p.reason = ui.tr("problem.wrong_day.reason", {{"date", date_text(ui, d.right_date)}});
      p.todo = ui.tr("problem.wrong_day.todo");
      break;
    case DecisionKind::BeforeOpening:
      p.badge = Badge::Info;
      p.colour = theme::kInfo;
      p.title = ui.tr("problem.before_opening.title");
      p.reason = ui.tr("problem.before_opening.reason", {{"time", time_text(ui, d.opens)}});
      p.todo = ui.tr("problem.before_opening.todo");
      p.desk = false;
      break;
    case DecisionKind::AfterClosing:
      p.title = ui.tr("problem.after_closing.title");
      p.reason = ui.tr("problem.after_closing.reason", {{"time", time_text(ui, d.closes)}});
      p.todo = ui.tr("problem.after_closing.todo");
      break;
    case DecisionKind::Cancelled:
      p.title =
          ui.tr(d.cancelled_by_replacement ? "problem.replaced.title" : "problem.cancelled.title");
      p.reason = ui.tr(d.cancelled_by_replacement ? "problem.replaced.reason"
                                                  : "problem.cancelled.reason");
      p.todo =
          ui.tr(d.cancelled_by_replacement ? "problem.replaced.todo" : "problem.cancelled.todo");
      break;
    case DecisionKind::UnknownCode:
      p.title = ui.tr("problem.unknown_code.title");
      p.reason = ui.tr("problem.unknown_code.reason");
      // A typed code that matches nothing is most likely a typo.
      p.todo = ui.tr(o.typed ? "problem.typed.todo" : "problem.unknown_code.todo");
      break;
    case DecisionKind::InvalidCode:
      p.title = ui.tr("problem.invalid.title");
      p.reason = invalid_reason(ui, d.ticket_verdict);
      p.todo = ui.tr(o.typed ? "problem.typed.todo" : "problem.invalid.todo");
      break;
    case DecisionKind::RoomFull:
      p.title = ui.tr("problem.room_full.title");
      p.reason = ui.tr("problem.room_full.reason", {{"occupancy", std::to_string(d.occupancy)},
                                                    {"capacity", std::to_string(d.capacity)}});
      p.todo = ui.tr("problem.room_full.todo");
      break;
    case DecisionKind::NotForThisRoom:
      p.badge = Badge::Info;
      p.colour = theme::kInfo;
      p.title = ui.tr("problem.other_room.title");
      p.reason = ui.tr("problem.other_room.reason");
      p.rooms = true;
      p.desk = false;
      break;
    case DecisionKind::NoRoundRunning:
      p.badge = Badge::Info;
      p.colour = theme::kInfo;
      p.title = ui.tr("problem.no_round.title");
      p.reason = ui.tr("problem.no_round.reason");
      p.todo = no_round_todo(ctx);
      p.desk = false;
      break;
    case DecisionKind::Admitted:
      break;
  }
  return p;
}

}  // namespace

void draw_problem(ScreenContext& ctx) {
  Ui& ui = ctx.ui;
  const ProblemText p = describe(ctx);
  const float width = ui.width_units();
  const float band = 190;
  draw_status_band(ctx, p.colour, static_cast<int>(p.badge), p.title, "", band);

  // The footer comes last: it names the help desk only when no card below does.
  const float bottom = ui.height_units() - footer_height(ui);
  bool desk_card = false;
  float y = band + 28;
  const float w = width - 80;
  y += text_in_box(ui, FontRole::Large, ui.at(40, y), ImVec2(ui.u(w), ui.u(140)), p.reason,
                   theme::kText) /
           ui.fonts.scale() +
       20;

  const core::Decision& d = ctx.session.outcome().decision;
  if (p.rooms && !d.rooms.empty()) {
    draw_round_cards(ctx, d.rooms, ui.at(40, y),
                     ImVec2(ui.u(w), ui.u(std::min(250.0f, bottom - y - 24))));
    draw_footer(ctx, false);
    draw_return_bar(ctx, bottom);
    return;
  }
  // What to do, and where the help desk is.
  if (!p.todo.empty()) {
    const float h = std::min(
        150.0f, measure(ui, FontRole::Large, p.todo, ui.u(w - 112)).y / ui.fonts.scale() + 36);
    draw_next_panel(ctx, ui.at(40, y), ImVec2(ui.u(w), ui.u(h)), p.todo);
    y += h + 20;
  }
  const std::string& desk = ctx.session.venue().help_desk;
  if (p.desk && !desk.empty() && y + 100 < bottom) {
    desk_card = true;
    const ImVec2 card = ui.at(40, y);
    panel(ui, card, ImVec2(ui.u(w), ui.u(100)), theme::kSurface, 14, theme::kBorder);
    icon_badge(ui.draw, ui.at(84, y + 50), ui.u(26), Badge::Info, theme::kAccent, theme::kOnColour);
    text_at(ui, FontRole::Small, ui.at(128, y + 14), ui.tr("problem.desk_label"), theme::kMuted);
    text_in_box(ui, FontRole::Large, ui.at(128, y + 42), ImVec2(ui.u(w - 110), ui.u(50)), desk,
                theme::kText);
  }
  draw_footer(ctx, false, !desk_card);
  draw_return_bar(ctx, bottom);
}

}  // namespace einlass::ui
