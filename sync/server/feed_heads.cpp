#include "sync/server/feed_heads.hpp"

#include "sync/server/agenda_log.hpp"
#include "sync/server/registrations.hpp"
#include "sync/server/server_config.hpp"

namespace einlass::sync::server {

protocol::Heads venue_heads(const store::Database& db, const std::string& venue) {
  protocol::Heads h;
  store::Statement events = db.prepare("SELECT COALESCE(MAX(seq), 0) FROM events WHERE venue = ?");
  events.bind(1, venue);
  h.events = events.step() ? events.integer(0) : 0;
  h.roster = roster_head(db, venue);
  h.agenda = agenda_head(db, venue);
  h.config = config_version(db);
  return h;
}

protocol::Heads all_venue_heads(const store::Database& db) {
  protocol::Heads h;
  h.events = db.query_int("SELECT COALESCE(MAX(seq), 0) FROM events");
  h.roster = db.query_int(
      "SELECT MAX(COALESCE((SELECT MAX(changed_seq) FROM registrations), 0), "
      "COALESCE((SELECT MAX(changed_seq) FROM roster_departures), 0))");
  h.agenda = db.query_int("SELECT COALESCE(MAX(id), 0) FROM agenda_changes");
  h.config = config_version(db);
  return h;
}

}  // namespace einlass::sync::server
