#pragma once
// Time as the kiosk window sees it. Live: the steady clock for timeouts and the kiosk clock
// (which may start at --now) for the agenda. Scripted: both stand still and move only when the
// script waits, so a scripted session shows the same countdowns and timeouts on every run.

#include <chrono>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/ui/kiosk_session.hpp"

namespace einlass::app::gui {

class UiClock {
 public:
  explicit UiClock(KioskClock wall) : wall_(wall) {}

  ui::Now now() const {
    if (!frozen_) return {std::chrono::steady_clock::now(), wall_.now()};
    return {steady_, wall_time_};
  }

  // From here on time moves only by advance() / set_wall().
  void freeze() {
    const ui::Now n = now();
    steady_ = n.steady;
    wall_time_ = n.wall;
    frozen_ = true;
  }
  bool frozen() const { return frozen_; }
  void advance(std::chrono::milliseconds by) {
    steady_ += by;
    wall_time_ += by;
  }
  void set_wall(core::TimePoint t) { wall_time_ = t; }

 private:
  KioskClock wall_;
  bool frozen_ = false;
  ui::Steady steady_{};
  core::TimePoint wall_time_{};
};

}  // namespace einlass::app::gui
