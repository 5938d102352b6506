#include "kiosk/store/key_value.hpp"

namespace einlass::store {

std::optional<std::string> KeyValueTable::get(const Database& db, std::string_view key) const {
  Statement st = db.prepare("SELECT value FROM " + std::string(table) + " WHERE key = ?");
  st.bind(1, key);
  if (!st.step()) return std::nullopt;
  return st.text(0);
}

int64_t KeyValueTable::get_int(const Database& db, std::string_view key) const {
  const auto text = get(db, key);
  return text ? std::stoll(*text) : 0;
}

void KeyValueTable::put(Database& db, std::string_view key, std::string_view value) const {
  db.prepare("INSERT INTO " + std::string(table) +
             " (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

void KeyValueTable::put_int(Database& db, std::string_view key, int64_t value) const {
  put(db, key, std::to_string(value));
}

}  // namespace einlass::store
