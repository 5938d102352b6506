#pragma once
// Decide and record a check-in as one step: the decision is made inside the write transaction
// and the result is returned only after COMMIT, so what the screen shows is what is stored
// (principle 2), and two check-ins of the same person cannot both be admitted.

#include <string_view>

#include "kiosk/core/agenda_clock.hpp"
#include "kiosk/core/checkin_rules.hpp"
#include "kiosk/core/roster_entry.hpp"
#include "kiosk/store/kiosk_store.hpp"

namespace einlass::store {

class CheckinRecorder {
 public:
  CheckinRecorder(KioskStore& store, core::KioskSetting setting);

  core::Decision check_in_code(std::string_view code, core::TimePoint now);
  core::Decision check_in_participant(std::string_view participant_id, core::TimePoint now);
  // Creates a walk-in participant (roster row + walk_in event) and checks them in, in one
  // transaction. `walk_in.participant_id` is generated when empty.
  core::Decision register_walk_in(core::RosterEntry walk_in, core::TimePoint now);

  const core::KioskSetting& setting() const { return setting_; }
  const core::AgendaClock& clock() const { return clock_; }

 private:
  template <typename DecideFn>
  core::Decision decide_and_record(DecideFn decide, core::TimePoint now);

  KioskStore& store_;
  core::KioskSetting setting_;
  core::AgendaClock clock_;
};

}  // namespace einlass::store
