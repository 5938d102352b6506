#include "sync/server/dashboard/attendance_cache.hpp"

#include <spdlog/spdlog.h>

#include "sync/server/dashboard/dashboard_data.hpp"
#include "sync/server/feed_heads.hpp"

namespace einlass::sync::server {

AttendanceCache::AttendanceCache(DbPool* pool) : pool_(pool) {
  if (pool_) recounter_ = std::thread([this] { recount_loop(); });
}

AttendanceCache::~AttendanceCache() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (recounter_.joinable()) recounter_.join();
}

AttendanceCache::Version AttendanceCache::version_of(const store::Database& db,
                                                     const ServerConfig& config,
                                                     const std::string& venue) {
  const protocol::Heads heads = venue_heads(db, venue);
  return {config.version, heads.events, heads.roster,
          db.query_int("SELECT COUNT(*) FROM purge_log")};
}

std::shared_ptr<const nlohmann::json> AttendanceCache::get(
    const store::Database& db, const std::shared_ptr<const ServerConfig>& config,
    const core::Venue& venue, const core::Day& day) {
  const Version version = version_of(db, *config, venue.id);
  std::unique_lock lock(mutex_);
  Entry& entry = entries_[{venue.id, day.date}];  // map nodes stay put: the reference is safe
  if (entry.counts && entry.version == version) return entry.counts;
  if (entry.counts && pool_) {
    if (!entry.counting) {
      entry.counting = true;
      jobs_.push_back({{venue.id, day.date}, config});
      wake_.notify_one();
    }
    return entry.counts;
  }
  // Nothing to show yet: count here, once, while other first polls of this venue wait.
  counted_.wait(lock, [&] { return !entry.counting; });
  if (entry.counts && entry.version == version) return entry.counts;
  entry.counting = true;
  lock.unlock();
  std::shared_ptr<const nlohmann::json> counts;
  try {
    counts = std::make_shared<const nlohmann::json>(venue_day_attendance(db, *config, venue, day));
  } catch (...) {
    lock.lock();
    entry.counting = false;
    counted_.notify_all();
    throw;
  }
  lock.lock();
  entry = {version, counts, false};
  counted_.notify_all();
  return counts;
}

void AttendanceCache::recount_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
    if (stopping_) return;
    const Job job = std::move(jobs_.front());
    jobs_.pop_front();
    lock.unlock();
    std::shared_ptr<const nlohmann::json> counts;
    Version version;
    try {
      auto db = pool_->acquire();
      const core::Venue& venue = require_venue(job.config->event, job.key.venue);
      if (const auto day = core::day_index(venue, job.key.day)) {
        // The heads first: a check-in that lands during the count makes the next poll recount.
        version = version_of(*db, *job.config, venue.id);
        counts = std::make_shared<const nlohmann::json>(
            venue_day_attendance(*db, *job.config, venue, venue.days[*day]));
      }
    } catch (const std::exception& e) {
      spdlog::warn("dashboard: recounting {} {} failed: {}", job.key.venue, job.key.day, e.what());
    }
    lock.lock();
    Entry& entry = entries_[job.key];
    entry.counting = false;
    if (counts) {
      entry.version = version;
      entry.counts = std::move(counts);
    }
    counted_.notify_all();
  }
}

}  // namespace einlass::sync::server
