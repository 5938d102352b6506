#pragma once
// The server's event log: storing what kiosks push (idempotent by uuid, one result per
// event) and reading it back as pages for kiosks and organisers.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/checkin_event.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/server/credentials.hpp"
#include "sync/server/server_config.hpp"

namespace einlass::sync::server {

// SQL condition on `events e`: the event counts unless an undo refers to it. Attendance, the
// exports and the dashboard all use this one rule. `u.ref <> ''` repeats the partial index's
// WHERE so SQLite uses events_by_ref.
inline constexpr std::string_view kNotUndone =
    "NOT EXISTS (SELECT 1 FROM events u WHERE u.ref = e.uuid AND u.ref <> '' AND "
    "u.kind = 'undo')";

// SQL condition on `events w` (a walk_in event): the walk-in came, i.e. has an entry at that
// venue and day that was not undone. A walk-in whose entry staff undid is not counted or listed.
inline std::string walk_in_came_sql() {
  return "EXISTS (SELECT 1 FROM events e WHERE e.kind = 'entry' AND e.venue = w.venue AND "
         "e.day = w.day AND e.participant = w.participant AND " +
         std::string(kNotUndone) + ")";
}

// Checks every event of a push (format, and that it belongs to the pushing device's venue and
// the event's days, rooms and rounds) and stores the good ones in one transaction. A bad event
// gets a "rejected" result with the reason; the rest of the batch is stored. So does an event
// for a venue day whose personal data a retention purge deleted (retention/purged_days.hpp):
// nothing of it is stored, and a re-send is refused the same way.
// `before_commit` runs inside the transaction after the inserts (fault injection in tests).
std::vector<protocol::PushResult> ingest_events(store::Database& db, const nlohmann::json& events,
                                                const Device& device, const ServerConfig& config,
                                                int64_t now_ms,
                                                const std::function<void()>& before_commit = {});

// Events of `venue` after `since`, without those `exclude_device` pushed itself ("" = all);
// `venue` "" = every venue (organisers).
protocol::EventsPage events_page(const store::Database& db, const std::string& venue,
                                 const std::string& exclude_device, int64_t since, int limit);

// Every stored event (organiser exports, attendance, tests).
std::vector<core::CheckinEvent> all_events(const store::Database& db);

}  // namespace einlass::sync::server
