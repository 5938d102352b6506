#pragma once
// Taking back a check-in at the help desk: an Undo event that names the undone event (`ref`),
// appended like any other event — nothing is deleted (principle 1). The undone participant is
// no longer counted as in, and may check in again.

#include <optional>
#include <string_view>

#include "kiosk/core/checkin_event.hpp"
#include "kiosk/store/kiosk_store.hpp"

namespace einlass::store {

// The newest entry or room entry recorded on this device that has not been undone.
std::optional<core::CheckinEvent> last_undoable_checkin(KioskStore& store);

// Records an Undo of the event `uuid` in one transaction, if it is an entry or room entry that
// is not undone yet; returns the stored Undo event, or nullopt (and changes nothing) otherwise.
std::optional<core::CheckinEvent> undo_checkin(KioskStore& store, std::string_view uuid,
                                               int64_t now_ms);

}  // namespace einlass::store
