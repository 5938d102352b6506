#pragma once
// The dashboard's per-venue counts, cached by the venue's event and roster heads. Counting a
// venue's whole event log takes a few hundred milliseconds on a full day (50,000 people); with
// 50 pages polling every 2 s and check-ins arriving all the time, every poll would pay for it.
// So a poll that finds its counts outdated gets the previous ones at once and one background
// thread recounts (at most once per venue and day at a time): the page is one poll behind,
// never slow. Only the very first poll of a venue and day counts on its own thread.

#include <compare>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "kiosk/core/event_model.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

class AttendanceCache {
 public:
  // Without a pool (tests), outdated counts are recounted on the caller's thread.
  explicit AttendanceCache(DbPool* pool = nullptr);
  ~AttendanceCache();
  AttendanceCache(const AttendanceCache&) = delete;
  AttendanceCache& operator=(const AttendanceCache&) = delete;

  // venue_day_attendance() for this venue and day, fresh or one recount behind.
  std::shared_ptr<const nlohmann::json> get(const store::Database& db,
                                            const std::shared_ptr<const ServerConfig>& config,
                                            const core::Venue& venue, const core::Day& day);

 private:
  struct Key {
    std::string venue, day;
    auto operator<=>(const Key&) const = default;
  };
  struct Version {
    int64_t config = -1, events = -1, roster = -1;
    int64_t purges = -1;  // a purge changes the counts' source even when the heads look alike
    bool operator==(const Version&) const = default;
  };
  struct Entry {
    Version version;
    std::shared_ptr<const nlohmann::json> counts;
    bool counting = false;
  };
  struct Job {
    Key key;
    std::shared_ptr<const ServerConfig> config;
  };
  static Version version_of(const store::Database& db, const ServerConfig& config,
                            const std::string& venue);
  void recount_loop();

  DbPool* pool_;
  std::mutex mutex_;
  std::condition_variable wake_, counted_;
  std::map<Key, Entry> entries_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::thread recounter_;
};

}  // namespace einlass::sync::server
