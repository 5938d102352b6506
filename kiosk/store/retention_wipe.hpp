#pragma once
// The kiosk's side of the retention period (principle 5): once the period has passed AND every
// event has reached the server (outbox empty), the kiosk deletes its personal data with the
// same wipe a revocation uses, keeping only anonymous counts, and is marked "retention over"
// (not revoked). A kiosk with unsynced events never wipes itself: those check-ins exist
// nowhere else. Events the server refused do not hold the wipe back: they can never sync, and
// after the period they are personal data like the rest.
//
// A kiosk that is not enrolled (never was, or its token is gone) has no server: for it, every
// check-in must be covered by a recorded export (`einlass-kiosk export`, export_record.hpp)
// instead — the file the organiser keeps is then the only copy, as the server would have been.
// The same holds for a kiosk enrolled LATER: check-ins it recorded before its enrolment that
// the server then refused (another day, another event) were never on any server, so they too
// need an export. Refused events recorded after the enrolment (a day the server had already
// purged) do not: they were meant for the server, which deleted that day itself.

#include <cstdint>
#include <optional>
#include <string>

#include "kiosk/core/event_model.hpp"
#include "kiosk/core/retention.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "kiosk/store/sync_state.hpp"

namespace einlass::store {

// The kiosk counts the period from the event's last day, or from its own last activity (the
// latest event it recorded or received, its enrolment) when that is later: a kiosk enrolled or
// used after the event (a rehearsal, a late re-run) keeps what it got then for the full period
// instead of deleting it on the spot.
struct KioskRetention {
  core::RetentionPeriod period;  // from the event config alone
  int64_t last_activity_ms = 0;
  int64_t ends_ms = 0;  // the later of period.ends_ms and last activity + retention_days
  bool period_over = false;
  int64_t unsynced = 0;  // outbox rows still to be sent: they exist nowhere else yet
  int64_t rejected = 0;  // refused by the server: never synced, never will; deleted by a wipe
  int64_t events = 0, roster = 0;  // what a wipe would delete
  bool enrolled = false;           // a server holds (or will hold) the check-ins
  // Events no recorded export covers; enrolled: only those refused and recorded before enrolment.
  int64_t unexported = 0;
  bool nothing_to_wipe() const {
    return events == 0 && roster == 0 && unsynced == 0 && rejected == 0;
  }
  // What still holds the wipe back besides the period: check-ins that exist nowhere else.
  bool kept_elsewhere() const { return unexported == 0 && (!enrolled || unsynced == 0); }
  bool may_wipe() const { return period_over && kept_elsewhere() && !nothing_to_wipe(); }
};

KioskRetention kiosk_retention(const KioskStore& store, const core::Event& event, int64_t now_ms);

// Wipes when may_wipe() — the outbox (enrolled) or the exports (not enrolled) are checked again
// inside the wipe's transaction — otherwise changes nothing and returns nullopt.
std::optional<WipeRecord> wipe_after_retention(KioskStore& store, const core::Event& event,
                                               int64_t now_ms);

}  // namespace einlass::store
