#include "sync/client/sync_status_json.hpp"

namespace einlass::sync::client {

std::string_view connection_name(Connection connection) {
  switch (connection) {
    case Connection::NotEnrolled:
      return "not_enrolled";
    case Connection::Connecting:
      return "connecting";
    case Connection::Online:
      return "online";
    case Connection::Offline:
      return "offline";
    case Connection::Revoked:
      return "revoked";
  }
  return "offline";
}

nlohmann::json status_to_json(const SyncStatus& s) {
  nlohmann::json j{{"connection", connection_name(s.connection)},
                   {"events_waiting", s.events_waiting},
                   {"events_rejected", s.events_rejected},
                   {"consecutive_failures", s.consecutive_failures},
                   {"device", s.device_id},
                   {"venue", s.venue},
                   {"server", s.server_url}};
  j["last_success_ms"] = s.last_success_ms ? nlohmann::json(*s.last_success_ms) : nullptr;
  j["clock_skew_ms"] = s.clock_skew_ms ? nlohmann::json(*s.clock_skew_ms) : nullptr;
  if (!s.last_error.empty()) j["last_error"] = s.last_error;
  return j;
}

}  // namespace einlass::sync::client
