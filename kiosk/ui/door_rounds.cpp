#include "kiosk/ui/door_rounds.hpp"

#include <algorithm>

namespace einlass::ui {

DoorRound door_round(const core::Day& day, const core::AgendaClock& clock,
                     std::chrono::system_clock::time_point now, int early_minutes) {
  DoorRound result;
  const auto early = std::chrono::minutes(early_minutes);
  // Agenda items are in time order: the first round item not yet over is the door's.
  for (const core::AgendaItem& item : day.agenda) {
    if (item.round <= 0) continue;
    const auto start = clock.to_utc(day, item.start);
    const auto end = clock.to_utc(day, item.end);
    if (now >= end) continue;
    result.item = &item;
    result.opens = core::LocalTime{std::max(0, item.start.minutes_since_midnight - early_minutes)};
    result.running = now >= start;
    result.phase = now >= start - early ? DoorPhase::Admitting : DoorPhase::Later;
    return result;
  }
  return result;
}

}  // namespace einlass::ui
