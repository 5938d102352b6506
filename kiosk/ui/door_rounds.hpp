#pragma once
// What a room door can say about its rounds: the round it admits now, or the next one and when
// its admission opens, or that no round is left today. Uses the same window as the check-in
// rules (door_early_minutes before the start until the end), so the screen never invites a
// scan the rules would refuse. Pure, so every phase of the day can be tested.

#include "kiosk/core/agenda_clock.hpp"
#include "kiosk/core/event_model.hpp"

#include <chrono>

namespace einlass::ui {

enum class DoorPhase {
  Admitting,  // the round's admission window is open (shortly before and while it runs)
  Later,      // the next round's admission opens at `opens`
  NoneLeft,   // no round at this door any more today
};

struct DoorRound {
  DoorPhase phase = DoorPhase::NoneLeft;
  const core::AgendaItem* item = nullptr;  // Admitting, Later
  core::LocalTime opens;                   // venue time admission opens (start - early minutes)
  bool running = false;                    // Admitting: the round has started
};

DoorRound door_round(const core::Day& day, const core::AgendaClock& clock,
                     std::chrono::system_clock::time_point now, int early_minutes);

}  // namespace einlass::ui
