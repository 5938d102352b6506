#include "kiosk/core/door_round.hpp"

#include <algorithm>

namespace einlass::core {

namespace {

DoorRound round_at(const AgendaItem& item, DoorPhase phase, bool running, int early_minutes) {
  DoorRound result;
  result.phase = phase;
  result.item = &item;
  result.opens = LocalTime{std::max(0, item.start.minutes_since_midnight - early_minutes)};
  result.running = running;
  return result;
}

}  // namespace

DoorRound door_round(const Day& day, const AgendaClock& clock,
                     std::chrono::system_clock::time_point now, int early_minutes) {
  DoorRound result;
  const auto early = std::chrono::minutes(early_minutes);
  // Agenda items are in time order; rounds already over are skipped.
  for (const AgendaItem& item : day.agenda) {
    if (item.round <= 0) continue;
    const auto start = clock.to_utc(day, item.start);
    if (now >= clock.to_utc(day, item.end)) continue;
    if (now >= start - early) {
      result = round_at(item, DoorPhase::Admitting, now >= start, early_minutes);
      continue;  // a later round whose admission opened too takes over
    }
    if (result.phase != DoorPhase::Admitting)
      result = round_at(item, DoorPhase::Later, false, early_minutes);
    break;
  }
  return result;
}

}  // namespace einlass::core
