#include "kiosk/store/checkin_recorder.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/core/uuid.hpp"
#include "kiosk/store/store_checkin_facts.hpp"

namespace einlass::store {

namespace {
int64_t unix_ms(core::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}
}  // namespace

CheckinRecorder::CheckinRecorder(KioskStore& store, core::KioskSetting setting)
    : store_(store),
      setting_(std::move(setting)),
      clock_(*setting_.event, setting_.venue_index, setting_.day_index) {}

template <typename DecideFn>
core::Decision CheckinRecorder::decide_and_record(DecideFn decide, core::TimePoint now) {
  const core::Venue& venue = setting_.event->venues[setting_.venue_index];
  StoreCheckinFacts facts(store_, venue);
  Transaction tx(store_.db());
  core::Decision decision = decide(facts, tx);
  if (decision.event_to_record) {
    decision.event_to_record =
        store_.append(tx, std::move(*decision.event_to_record), unix_ms(now));
    tx.commit();
  }
  return decision;
}

core::Decision CheckinRecorder::check_in_code(std::string_view code, core::TimePoint now) {
  return decide_and_record(
      [&](const StoreCheckinFacts& facts, Transaction&) {
        return core::decide_for_code(code, setting_, clock_, facts, now);
      },
      now);
}

core::Decision CheckinRecorder::check_in_participant(std::string_view participant_id,
                                                     core::TimePoint now) {
  return decide_and_record(
      [&](const StoreCheckinFacts& facts, Transaction&) {
        return core::decide_for_participant(participant_id, setting_, clock_, facts, now);
      },
      now);
}

core::Decision CheckinRecorder::register_walk_in(core::RosterEntry walk_in, core::TimePoint now) {
  const core::Venue& venue = setting_.event->venues[setting_.venue_index];
  if (walk_in.participant_id.empty())
    walk_in.participant_id = "W" + core::new_uuid_v7(unix_ms(now));
  walk_in.walk_in = true;
  walk_in.venue = venue.id;
  walk_in.day = venue.days[setting_.day_index].date;
  walk_in.round_topics.assign(setting_.event->rounds.size(), "");

  return decide_and_record(
      [&](const StoreCheckinFacts& facts, Transaction& tx) {
        // The walk-in's personal data travels to the server in the event's detail; the
        // roster row makes them findable by staff here.
        store_.upsert_roster(tx, walk_in);
        core::CheckinEvent created;
        created.kind = core::EventKind::WalkIn;
        created.participant = walk_in.participant_id;
        created.venue = walk_in.venue;
        created.day = walk_in.day;
        created.detail = nlohmann::json{
            {"first_name", walk_in.first_name},
            {"last_name", walk_in.last_name},
            {"organisation", walk_in.organisation},
            {"topics", walk_in.unplaced_topics},
            {"privacy_consent",
             true}}.dump();
        store_.append(tx, std::move(created), unix_ms(now));
        return core::decide_for_participant(walk_in.participant_id, setting_, clock_, facts, now);
      },
      now);
}

}  // namespace einlass::store
