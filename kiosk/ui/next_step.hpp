#pragma once
// "Where do I go now?" for someone just admitted: from their rooms and where the day stands.
// Pure, so the rule can be tested for every phase of the agenda.

#include "kiosk/core/agenda_clock.hpp"
#include "kiosk/core/checkin_decision.hpp"

namespace einlass::ui {

enum class NextStepKind {
  GoToRoom,      // their round is running: go to the room now
  RoomLater,     // their round is next: room and start time
  PlenaryNow,    // a plenary item is on: join it
  PlenaryLater,  // the next item is a plenary one (or check-in before the start)
  Break,         // a break is on; what follows
  DayOver,       // nothing more today
};

struct NextStep {
  NextStepKind kind = NextStepKind::DayOver;
  const core::RoundRoom* room = nullptr;    // GoToRoom, RoomLater
  const core::AgendaItem* item = nullptr;   // the running or next item
  const core::AgendaItem* after = nullptr;  // Break: what comes after it
};

NextStep next_step(const core::Decision& decision, const core::Day& day,
                   const core::AgendaNow& now);

}  // namespace einlass::ui
