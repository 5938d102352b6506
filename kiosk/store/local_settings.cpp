#include "kiosk/store/local_settings.hpp"

namespace einlass::store {

LocalSettings::LocalSettings(KioskStore& store) : db_(store.db()) {
  db_.exec(
      "CREATE TABLE IF NOT EXISTS kiosk_local_settings ("
      " key TEXT PRIMARY KEY,"
      " value TEXT NOT NULL)");
}

std::optional<std::string> LocalSettings::get(std::string_view key) const {
  Statement st = db_.prepare("SELECT value FROM kiosk_local_settings WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

void LocalSettings::set(std::string_view key, std::string_view value) {
  db_.prepare(
         "INSERT INTO kiosk_local_settings (key, value) VALUES (?, ?) "
         "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

void LocalSettings::erase(std::string_view key) {
  db_.prepare("DELETE FROM kiosk_local_settings WHERE key = ?").bind(1, key).run();
}

}  // namespace einlass::store
