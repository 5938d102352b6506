#pragma once
// Who was checked in, as this kiosk's store knows it: the list `einlass-kiosk export` writes for
// an organiser who has no server (a small event on one laptop), in the shape of the server's
// attendance export (sync/server/export/attendance_report.hpp: one row per person and day with
// name, organisation, check-in time, rooms per round, walk-in) plus counts per venue and day.
//
// Undone check-ins are left out (a walk-in whose entry staff undid too). Names come from the
// roster (synced registrations and this kiosk's walk-ins) or a walk-in's own event; a ticket
// holder this kiosk has no roster row for is listed by participant id with empty names.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/event_model.hpp"
#include "kiosk/store/kiosk_store.hpp"

namespace einlass::store {

struct AttendanceRow {
  std::string venue, day;   // ids as in the event config
  std::string participant;  // "R1001" or a walk-in's "W…" id
  std::string last_name, first_name, organisation;
  std::optional<int64_t> checked_in_ms;  // first entrance check-in not undone (none: door only)
  // Per round: the room(s) a room door admitted them to ("A / B" for two), else the room the
  // entrance check-in gave them; "" = none. Room names from the event config.
  std::vector<std::string> rooms;
  bool walk_in = false;
};

struct AttendanceDay {
  std::string venue, day;
  int64_t checked_in = 0;  // people listed
  int64_t walk_ins = 0;    // of them, registered on the spot
  int64_t taken_back = 0;  // entrance check-ins staff undid (not listed unless checked in again)
};

// Check-ins at a venue or day the event config does not have: the config given is not the one
// the kiosk ran with. Listing without them would silently lose people.
struct UnknownPlace {
  std::string venue, day;
  int64_t events = 0;
};

struct KioskAttendance {
  std::vector<AttendanceDay> days;  // venues in config order, then by day
  std::vector<AttendanceRow> rows;  // per venue and day, by last name (umlauts folded)
  std::vector<UnknownPlace> unknown;
  int64_t up_to_seq = 0;  // the newest event the list was made from
};

// `venue` / `day`: "" = all. Read from one snapshot of the store, so up_to_seq matches the rows
// even while the kiosk keeps checking people in.
KioskAttendance kiosk_attendance(KioskStore& store, const core::Event& event,
                                 const std::string& venue, const std::string& day);

}  // namespace einlass::store
