#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::store {

// A two-column table (key TEXT PRIMARY KEY, value TEXT) of settings and counters: the kiosk's
// sync_state and the server's meta. `table` is one of those names, never outside input (it is
// pasted into the SQL).
struct KeyValueTable {
  std::string_view table;

  std::optional<std::string> get(const Database& db, std::string_view key) const;
  // 0 when the key is absent.
  int64_t get_int(const Database& db, std::string_view key) const;
  // Inserts or replaces.
  void put(Database& db, std::string_view key, std::string_view value) const;
  void put_int(Database& db, std::string_view key, int64_t value) const;
};

}  // namespace einlass::store
