#pragma once
// The sync status as JSON: `einlass-kiosk sync` prints it, the UI's state dump can reuse it.

#include <nlohmann/json.hpp>

#include "sync/client/sync_engine.hpp"

namespace einlass::sync::client {

std::string_view connection_name(Connection connection);
nlohmann::json status_to_json(const SyncStatus& status);

}  // namespace einlass::sync::client
