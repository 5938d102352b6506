#pragma once
// The event the server runs (its TOML text, as kiosks receive it) and the ticket public keys,
// with one version number for both: kiosks fetch them again when it grows.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/core/event_model.hpp"
#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

struct ServerConfig {
  core::Event event;
  std::string event_toml;
  std::vector<std::string> public_keys;  // *.public file lines
  int64_t version = 0;
};

class ServerConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Checks the file with the same loader the kiosks use, then stores it; version + 1.
void set_event_config(store::Database& db, const std::filesystem::path& file);
// Adds a public key (its *.public file); version + 1. Throws for a bad or duplicate key.
std::string add_public_key(store::Database& db, const std::filesystem::path& public_file);
int64_t config_version(const store::Database& db);
// Throws ServerConfigError when `init` has not been run.
std::shared_ptr<const ServerConfig> load_server_config(const store::Database& db);

// The event's venue by id, or a ServerConfigError listing the venues.
const core::Venue& require_venue(const core::Event& event, const std::string& venue_id);

}  // namespace einlass::sync::server
