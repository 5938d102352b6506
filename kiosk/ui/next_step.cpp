#include "kiosk/ui/next_step.hpp"

namespace einlass::ui {

namespace {

const core::RoundRoom* room_for_round(const core::Decision& d, int round) {
  for (const auto& r : d.rooms)
    if (r.round == round && !r.room_id.empty()) return &r;
  return nullptr;
}

NextStep upcoming(const core::Decision& d, const core::Day& day, std::optional<std::size_t> next) {
  NextStep step;
  if (!next || *next >= day.agenda.size()) return step;  // DayOver
  step.item = &day.agenda[*next];
  step.room = room_for_round(d, step.item->round);
  step.kind = step.room ? NextStepKind::RoomLater : NextStepKind::PlenaryLater;
  return step;
}

}  // namespace

NextStep next_step(const core::Decision& d, const core::Day& day, const core::AgendaNow& now) {
  using core::AgendaPhase;
  if (now.phase == AgendaPhase::Finished || now.phase == AgendaPhase::OtherDay) return {};
  if (now.phase != AgendaPhase::Running || !now.current_item ||
      *now.current_item >= day.agenda.size())
    return upcoming(d, day, now.next_item);

  const core::AgendaItem& item = day.agenda[*now.current_item];
  NextStep step;
  step.item = &item;
  if (item.round > 0) {
    if ((step.room = room_for_round(d, item.round))) {
      step.kind = NextStepKind::GoToRoom;
      return step;
    }
    // No room in the running round (staff decide): point to what follows.
    return upcoming(d, day, now.next_item);
  }
  if (item.kind == "break") {
    step.kind = NextStepKind::Break;
    if (now.next_item && *now.next_item < day.agenda.size())
      step.after = &day.agenda[*now.next_item];
    return step;
  }
  step.kind = NextStepKind::PlenaryNow;
  return step;
}

}  // namespace einlass::ui
