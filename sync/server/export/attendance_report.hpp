#pragma once
// What an attendance export shows, gathered once from the event log, the registrations and the
// anonymous counts a retention purge kept: counts per venue and day, presence per round and
// room against capacity, and the participant lists. The writers (CSV, XLSX) only lay it out.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/event_model.hpp"
#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

struct DayCounts {
  std::string venue, day;
  int64_t registered = 0;  // registrations for the day, not cancelled
  int64_t checked_in = 0;  // people with an entry that was not undone (walk-ins included)
  int64_t walk_ins = 0;
  int64_t no_shows = 0;  // registered but never checked in
};

struct RoomCount {
  std::string venue, day;
  int round = 0;
  std::string topics;  // "HF1 Integrationsmonitoring und Evaluation" (a room may host several)
  std::string room_id, room_name;
  int capacity = 0;
  int64_t present = 0;  // admitted at the room door in that round (not undone)
};

// Only what a report needs: no e-mail, no ticket or opaque codes. Names and organisation stay
// because organisers confirm attendance per person (certificates, travel-cost claims) and the
// ministry's evaluation looks at which organisations took part.
struct ParticipantRow {
  std::string venue, day;
  std::string participant;  // "R1001" or a walk-in's "W…" id: matches the kiosk's records
  // The registration site's own number ("RK19-10010"), by which the organiser matches the row
  // to the site's list; "" for walk-ins and people without one (see site_registration_number).
  std::string registration_number;
  std::string last_name, first_name, organisation;
  std::optional<int64_t> checked_in_ms;  // first entry that was not undone
  std::vector<std::string> rooms;        // per round: room names attended ("" = none)
  bool walk_in = false;
};

struct AttendanceReport {
  std::vector<DayCounts> days;               // venues and days in config order
  std::vector<RoomCount> rooms;              // per venue, day, round, room
  std::vector<ParticipantRow> participants;  // per venue and day, by last name
};

// `venue` nullopt = every venue. The venue id must exist (checked by the caller).
AttendanceReport build_attendance_report(const store::Database& db, const core::Event& event,
                                         const std::optional<std::string>& venue);

}  // namespace einlass::sync::server
