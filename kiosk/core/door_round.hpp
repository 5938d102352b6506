#pragma once
// Which round a room door is for at a given moment: the round it admits now, or the next one
// and when its admission opens, or none left today. The one answer the door's check-in rules,
// its screen and its occupancy count all use, so the screen never invites a scan the rules
// would refuse and the count shown is the round being admitted. Pure, so every phase of the
// day can be tested.

#include <chrono>

#include "kiosk/core/agenda_clock.hpp"
#include "kiosk/core/event_model.hpp"

namespace einlass::core {

enum class DoorPhase {
  Admitting,  // the round's admission window is open (shortly before and while it runs)
  Later,      // the next round's admission opens at `opens`
  NoneLeft,   // no round at this door any more today
};

struct DoorRound {
  DoorPhase phase = DoorPhase::NoneLeft;
  const AgendaItem* item = nullptr;  // Admitting, Later
  LocalTime opens;                   // venue time admission opens (start - early minutes)
  bool running = false;              // Admitting: the round has started

  // The round admitted now, or 0.
  int admitting_round() const { return phase == DoorPhase::Admitting ? item->round : 0; }
  // The round admitted now or next, or 0 when none is left.
  int round() const { return item ? item->round : 0; }
};

// Admission opens `early_minutes` before a round starts and lasts until it ends. When rounds
// follow closely, the next round's opened admission wins over the end of the current one:
// whoever arrives at the door then is coming for the next round.
DoorRound door_round(const Day& day, const AgendaClock& clock,
                     std::chrono::system_clock::time_point now, int early_minutes);

}  // namespace einlass::core
