#pragma once
// The headless commands that record check-ins refuse on a kiosk that is out of service
// (revoked by the organiser, or wiped after the retention period), as the window does: its
// personal data is gone, and a check-in recorded after the wipe would restart the local event
// numbering that exports and purges rely on.

#include <optional>
#include <string>

#include "kiosk/store/kiosk_store.hpp"

namespace einlass::app {

// The message for staff (what happened, what to do), or nullopt when the kiosk is in service.
std::optional<std::string> out_of_service_message(const store::KioskStore& store);

}  // namespace einlass::app
