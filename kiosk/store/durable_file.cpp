#include "kiosk/store/durable_file.hpp"

#include <sys/stat.h>

#include <string>

namespace einlass::store {

void configure_durable_file(Database& db, std::string_view advice) {
  ::chmod(db.file().c_str(), 0600);
  try {
    db.exec("PRAGMA journal_mode = WAL");
  } catch (const StoreError& e) {
    throw StoreError("the database " + db.file().string() +
                     " is not an Einlass database or is damaged (" + e.what() + "). " +
                     std::string(advice));
  }
  db.exec("PRAGMA synchronous = FULL");
  db.exec("PRAGMA foreign_keys = ON");
}

}  // namespace einlass::store
