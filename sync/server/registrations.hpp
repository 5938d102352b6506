#pragma once
// The server's registrations: everyone who registered, for every venue, with the e-mail the
// ticket goes to. Kiosks get their venue's part without e-mail (roster pages); imports (JSON
// here, CSV later) upsert by registration id, and every change moves the roster cursor.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/event_model.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "sync/protocol/messages.hpp"

namespace einlass::sync::server {

struct Registration {
  uint32_t id = 0;
  std::string first_name, last_name, organisation, email;
  std::string venue;
  std::string day;                        // ISO date, or "" for every day of the venue
  std::vector<std::string> topics;        // chosen topic ids, in order of preference
  std::vector<std::string> round_topics;  // topic per round ("" = none), once placed
  int ticket_serial = 0;
  bool cancelled = false;
  std::string opaque_code;  // from another registration system, or ""
};

// Reads and checks one registration against the event (venue, day, topics exist).
// Throws protocol::ProtocolError naming the field.
Registration registration_from_json(const nlohmann::json& value, const std::string& path,
                                    const core::Event& event);
nlohmann::json registration_to_json(const Registration& r);

struct UpsertCounts {
  int added = 0, changed = 0, unchanged = 0;
};
// In one transaction; a registration whose data did not change keeps its cursor.
UpsertCounts upsert_registrations(store::Database& db, const std::vector<Registration>& list,
                                  int64_t now_ms);
// The same inside the caller's transaction (the CSV import writes its change records with it).
UpsertCounts upsert_registrations_in(store::Transaction& tx, store::Database& db,
                                     const std::vector<Registration>& list, int64_t now_ms);
std::optional<Registration> find_registration(const store::Database& db, uint32_t id);
// Every registration, by id (one query; the CSV import compares a whole list at once).
std::unordered_map<uint32_t, Registration> all_registrations(const store::Database& db);

// The venue's roster changes after `since`, oldest first; removed = moved to another venue.
protocol::RosterPage roster_page(const store::Database& db, const std::string& venue, int64_t since,
                                 int limit);
int64_t roster_head(const store::Database& db, const std::string& venue);

}  // namespace einlass::sync::server
