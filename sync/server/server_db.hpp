#pragma once
// The server's SQLite file, kept like the kiosk store (kiosk/store/durable_file.hpp), and a pool
// of connections, one per request in flight (a connection is single-threaded).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/unix_time.hpp"
#include "kiosk/store/key_value.hpp"
#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server {

using core::unix_now_ms;

// Opens (creating if needed), configures and migrates. Throws store::StoreError.
std::unique_ptr<store::Database> open_server_db(const std::filesystem::path& file);

// The server's settings and counters (event config, its version, the roster cursor).
inline constexpr store::KeyValueTable kMeta{"meta"};

class DbPool {
 public:
  explicit DbPool(std::filesystem::path file);

  class Lease {
   public:
    Lease(DbPool& pool, std::unique_ptr<store::Database> db) : pool_(pool), db_(std::move(db)) {}
    ~Lease() { pool_.give_back(std::move(db_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    store::Database& operator*() { return *db_; }
    store::Database* operator->() { return db_.get(); }

   private:
    DbPool& pool_;
    std::unique_ptr<store::Database> db_;
  };

  Lease acquire();
  // Writers take this too: SQLite allows one writer at a time, and queueing on a mutex is
  // fairer and faster than many threads sleeping in SQLite's busy handler.
  std::mutex& write_mutex() { return write_mutex_; }
  const std::filesystem::path& file() const { return file_; }

 private:
  void give_back(std::unique_ptr<store::Database> db);

  std::filesystem::path file_;
  std::mutex mutex_, write_mutex_;
  std::vector<std::unique_ptr<store::Database>> idle_;
};

}  // namespace einlass::sync::server
