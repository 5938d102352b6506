#include "kiosk/app/out_of_service.hpp"

#include "kiosk/store/sync_state.hpp"

namespace einlass::app {

std::optional<std::string> out_of_service_message(const store::KioskStore& store) {
  if (!store::is_revoked(store)) return std::nullopt;
  const std::string what = store::is_retired_after_retention(store)
                               ? "the retention period is over and its personal data was deleted"
                               : "the organiser revoked it and its personal data was deleted";
  return "this kiosk is out of service: " + what +
         ". Nothing was stored. To use it again, enrol it for a new event (einlass-kiosk "
         "enroll, or scan an enrolment QR code in staff mode).";
}

}  // namespace einlass::app
