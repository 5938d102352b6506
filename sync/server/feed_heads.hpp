#pragma once
// The newest cursor of each feed, sent with every answer (protocol::Envelope): a kiosk's answers
// carry its venue's heads, an organiser's (who reads every venue) the heads over all venues.

#include <string>

#include "kiosk/store/sqlite_db.hpp"
#include "sync/protocol/messages.hpp"

namespace einlass::sync::server {

protocol::Heads venue_heads(const store::Database& db, const std::string& venue);
protocol::Heads all_venue_heads(const store::Database& db);

}  // namespace einlass::sync::server
