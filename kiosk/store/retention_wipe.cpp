#include "kiosk/store/retention_wipe.hpp"

#include <algorithm>

#include "kiosk/store/export_record.hpp"

namespace einlass::store {

KioskRetention kiosk_retention(const KioskStore& store, const core::Event& event, int64_t now_ms) {
  KioskRetention r;
  r.period = core::retention_period(event);
  r.last_activity_ms =
      std::max(store.db().query_int("SELECT COALESCE(MAX(wall_ms), 0) FROM events"),
               load_enrolment(store) ? load_enrolment(store)->enrolled_ms : 0);
  constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
  r.ends_ms = std::max(r.period.ends_ms, r.last_activity_ms + event.retention_days * kDayMs);
  r.period_over = now_ms >= r.ends_ms;
  const StoreCounts c = store.counts();
  r.unsynced = c.outbox_waiting;
  r.rejected = c.outbox_rejected;
  r.events = c.events;
  r.roster = c.roster;
  r.enrolled = load_enrolment(store).has_value();
  r.unexported = r.enrolled
                     ? unexported_refused_event_count(store, last_event_before_enrolment(store))
                     : unexported_event_count(store);
  return r;
}

std::optional<WipeRecord> wipe_after_retention(KioskStore& store, const core::Event& event,
                                               int64_t now_ms) {
  const KioskRetention r = kiosk_retention(store, event, now_ms);
  if (!r.may_wipe()) return std::nullopt;
  const std::string reason = "retention period over: " + core::describe_retention(event);
  return r.enrolled ? wipe_after_retention_period(store, now_ms, reason)
                    : wipe_after_retention_period_exported(store, now_ms, reason);
}

}  // namespace einlass::store
