#pragma once
// The kiosk's durable state in one SQLite file: the append-only event log with its outbox,
// the venue's roster and a little metadata. A check-in is acknowledged only after COMMIT
// returned with WAL + synchronous=FULL, so an acknowledged check-in survives a power cut.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/checkin_event.hpp"
#include "kiosk/core/hybrid_logical_clock.hpp"
#include "kiosk/core/roster_entry.hpp"
#include "kiosk/store/sqlite_db.hpp"

namespace einlass::store {

struct StoreCounts {
  int64_t events = 0;
  int64_t outbox_waiting = 0;   // not yet acknowledged by the server
  int64_t outbox_rejected = 0;  // refused by the server as invalid; kept for staff
  int64_t roster = 0;
  int64_t cancelled = 0;
  int64_t checked_in = 0;  // participants with an entry that was not undone
  int64_t walk_ins = 0;
};

class KioskStore {
 public:
  // Opens or creates the store, checks its integrity and migrates it. Throws StoreError with a
  // message that names the file and says what to do when it is damaged or too new.
  explicit KioskStore(const std::filesystem::path& file);

  const std::string& device_id() const { return device_id_; }
  Database& db() { return db_; }
  const Database& db() const { return db_; }

  // Writes the event, its outbox row and any seats the kiosk assigned, in the caller's open
  // transaction. Fills in uuid (if empty), device and hybrid logical clock.
  core::CheckinEvent append(Transaction& tx, core::CheckinEvent event, int64_t now_ms);
  // The same in its own transaction.
  core::CheckinEvent append(core::CheckinEvent event, int64_t now_ms);

  // Events from other devices: set union by uuid. Returns how many were new.
  size_t merge_remote(const std::vector<core::CheckinEvent>& events, int64_t now_ms);

  std::vector<core::CheckinEvent> events() const;
  // Outbox rows the server has not refused, oldest first, with their events and outbox seq
  // (what the sync engine sends next).
  std::vector<std::pair<int64_t, core::CheckinEvent>> outbox_events(int limit) const;
  std::optional<core::CheckinEvent> event_by_uuid(std::string_view uuid) const;
  // The participant's earliest (by HLC) entry that was not undone.
  std::optional<core::CheckinEvent> active_entry(std::string_view participant) const;
  std::optional<core::CheckinEvent> active_room_entry(std::string_view participant, int round,
                                                      std::string_view room) const;
  // People admitted at a room door for a round (not undone).
  int room_occupancy(int round, std::string_view room) const;
  // Seats per (round, topic id) held by registrations, and per (round, room id) assigned by
  // kiosks to people without a registered topic for that round.
  std::map<std::pair<int, std::string>, int> registered_topic_seats() const;
  std::map<std::pair<int, std::string>, int> kiosk_assigned_seats() const;

  void upsert_roster(const std::vector<core::RosterEntry>& entries);
  // Inside the caller's transaction (walk-ins: roster row and event commit together).
  void upsert_roster(Transaction& tx, const core::RosterEntry& entry);
  // Many rows inside the caller's transaction with one prepared statement (roster sync pages).
  void upsert_roster(Transaction& tx, const std::vector<core::RosterEntry>& entries);
  std::optional<core::RosterEntry> roster_by_registration(uint32_t registration_id) const;
  std::optional<core::RosterEntry> roster_by_code(std::string_view opaque_code) const;
  std::optional<core::RosterEntry> roster_by_participant(std::string_view participant_id) const;
  // Staff search by name or organisation, case- and umlaut-insensitive.
  std::vector<core::RosterEntry> search_roster(std::string_view query, int limit = 20) const;

  StoreCounts counts() const;
  // Full PRAGMA integrity_check; "ok" when the file is sound.
  std::string integrity_check() const;

 private:
  // Inserts one event and the seats it assigned; nullopt when its uuid is already stored.
  std::optional<int64_t> insert_event(const core::CheckinEvent& event, std::string_view origin);
  void configure_and_check();
  void load_identity();

  Database db_;
  std::string device_id_;
  mutable std::optional<std::map<std::pair<int, std::string>, int>> registered_seats_cache_;
  mutable int64_t registered_seats_version_ = -1;
  core::HybridLogicalClock clock_;
};

}  // namespace einlass::store
