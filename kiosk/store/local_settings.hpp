#pragma once
// Settings that belong to this kiosk alone and never sync: the staff PIN hash with its lockout
// state, and the room-door choice staff made on this device. Kept in the store file (same 0600
// permissions, same backups) but in a table of their own, created on first use with CREATE
// TABLE IF NOT EXISTS — deliberately outside the versioned migrations, which belong to the
// synced schema: dropping or re-creating this table loses nothing but this device's settings.

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/store/kiosk_store.hpp"

namespace einlass::store {

class LocalSettings {
 public:
  explicit LocalSettings(KioskStore& store);

  std::optional<std::string> get(std::string_view key) const;
  void set(std::string_view key, std::string_view value);
  void erase(std::string_view key);

 private:
  Database& db_;
};

}  // namespace einlass::store
