#include "sync/server/server_config.hpp"

#include <fstream>
#include <iterator>

#include "kiosk/core/event_config.hpp"
#include "kiosk/core/ticket_key_files.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

void bump_version(store::Database& db) {
  kMeta.put_int(db, "config_version", config_version(db) + 1);
}

}  // namespace

void set_event_config(store::Database& db, const std::filesystem::path& file) {
  try {
    core::load_event_config(file);  // refuse anything a kiosk could not load
  } catch (const core::EventConfigError& e) {
    throw ServerConfigError(e.what());
  }
  std::ifstream in(file, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), {}};
  store::Transaction tx(db);
  kMeta.put(db, "event_config", text);
  bump_version(db);
  tx.commit();
}

std::string add_public_key(store::Database& db, const std::filesystem::path& public_file) {
  core::PublicKey key;
  try {
    key = core::load_public_key(public_file);
  } catch (const core::TicketKeyError& e) {
    throw ServerConfigError(e.what());
  }
  std::ifstream in(public_file);
  std::string line;
  std::getline(in, line);
  const std::string key_id = core::format_key_id(key.key_id);
  store::Transaction tx(db);
  store::Statement exists = db.prepare("SELECT 1 FROM ticket_keys WHERE key_id = ?");
  exists.bind(1, key_id);
  if (exists.step())
    throw ServerConfigError("a key with id " + key_id + " is already known; generate another key");
  db.prepare("INSERT INTO ticket_keys (key_id, public_line, added_ms) VALUES (?, ?, ?)")
      .bind(1, key_id)
      .bind(2, line)
      .bind(3, unix_now_ms())
      .run();
  bump_version(db);
  tx.commit();
  return key_id;
}

int64_t config_version(const store::Database& db) {
  return kMeta.get_int(db, "config_version");
}

std::shared_ptr<const ServerConfig> load_server_config(const store::Database& db) {
  auto config = std::make_shared<ServerConfig>();
  const auto text = kMeta.get(db, "event_config");
  if (!text)
    throw ServerConfigError(db.file().string() +
                            " has no event yet: run einlass-server init --event FILE");
  config->event_toml = *text;
  try {
    config->event = core::parse_event_config(*text, "stored event config");
  } catch (const core::EventConfigError& e) {
    throw ServerConfigError(e.what());
  }
  store::Statement st = db.prepare("SELECT public_line FROM ticket_keys ORDER BY added_ms");
  while (st.step())
    config->public_keys.push_back(st.text(0));
  config->version = config_version(db);
  return config;
}

const core::Venue& require_venue(const core::Event& event, const std::string& venue_id) {
  if (const auto index = core::venue_index(event, venue_id)) return event.venues[*index];
  std::string known;
  for (const auto& v : event.venues)
    known += (known.empty() ? "" : ", ") + v.id;
  throw ServerConfigError("\"" + venue_id + "\" is not a venue of the event (venues: " + known +
                          ")");
}

}  // namespace einlass::sync::server
