#include "sync/server/server_db.hpp"

#include "kiosk/store/durable_file.hpp"
#include "sync/server/server_schema.hpp"

namespace einlass::sync::server {

std::unique_ptr<store::Database> open_server_db(const std::filesystem::path& file) {
  auto db = std::make_unique<store::Database>(file);
  store::configure_durable_file(
      *db, "Check the --db option; restore the file from the last backup if it was damaged.");
  migrate_server(*db);
  return db;
}

DbPool::DbPool(std::filesystem::path file) : file_(std::move(file)) {
  give_back(open_server_db(file_));  // migrates once, and fails early if the file is bad
}

DbPool::Lease DbPool::acquire() {
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(db));
    }
  }
  return Lease(*this, open_server_db(file_));
}

void DbPool::give_back(std::unique_ptr<store::Database> db) {
  if (!db) return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(db));
}

}  // namespace einlass::sync::server
