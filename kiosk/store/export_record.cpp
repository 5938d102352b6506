#include "kiosk/store/export_record.hpp"

namespace einlass::store {

namespace {

// events.seq restarts at 1 after a wipe (DELETE FROM events, no AUTOINCREMENT) while the
// exports survive it: only an export written since the last wipe covers anything.
constexpr std::string_view kUncovered =
    "NOT EXISTS (SELECT 1 FROM exports x WHERE (x.venue = '' OR x.venue = e.venue) AND "
    "(x.day = '' OR x.day = e.day) AND x.up_to_seq >= e.seq AND "
    "x.after_wipes = (SELECT COUNT(*) FROM wipe_log))";

}  // namespace

int64_t record_export(Transaction&, KioskStore& store, const ExportRecord& r) {
  store.db()
      .prepare(
          "INSERT INTO exports (created_ms, format, file, venue, day, up_to_seq, rows, counts, "
          "after_wipes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT COUNT(*) FROM wipe_log))")
      .bind(1, r.created_ms)
      .bind(2, r.format)
      .bind(3, r.file)
      .bind(4, r.venue)
      .bind(5, r.day)
      .bind(6, r.up_to_seq)
      .bind(7, r.rows)
      .bind(8, r.counts_json)
      .run();
  return store.db().query_int("SELECT last_insert_rowid()");
}

std::vector<ExportRecord> export_records(const KioskStore& store) {
  std::vector<ExportRecord> out;
  Statement st = store.db().prepare(
      "SELECT id, created_ms, format, file, venue, day, up_to_seq, rows, counts FROM exports "
      "ORDER BY id");
  while (st.step())
    out.push_back({st.integer(0), st.integer(1), st.text(2), st.text(3), st.text(4), st.text(5),
                   st.integer(6), st.integer(7), st.text(8)});
  return out;
}

std::vector<UnexportedEvents> unexported_events(const KioskStore& store) {
  std::vector<UnexportedEvents> out;
  Statement st = store.db().prepare("SELECT venue, day, COUNT(*) FROM events e WHERE " +
                                    std::string(kUncovered) + " GROUP BY venue, day");
  while (st.step())
    out.push_back({st.text(0), st.text(1), st.integer(2)});
  return out;
}

int64_t unexported_event_count(const KioskStore& store) {
  return store.db().query_int("SELECT COUNT(*) FROM events e WHERE " + std::string(kUncovered));
}

namespace {

constexpr std::string_view kRefusedUpTo =
    " FROM events e JOIN outbox o ON o.event_seq = e.seq WHERE o.rejected = 1 AND e.seq <= ? AND ";

}  // namespace

std::vector<UnexportedEvents> unexported_refused_events(const KioskStore& store,
                                                        int64_t up_to_seq) {
  std::vector<UnexportedEvents> out;
  Statement st = store.db().prepare("SELECT e.venue, e.day, COUNT(*)" + std::string(kRefusedUpTo) +
                                    std::string(kUncovered) + " GROUP BY e.venue, e.day");
  st.bind(1, up_to_seq);
  while (st.step())
    out.push_back({st.text(0), st.text(1), st.integer(2)});
  return out;
}

int64_t unexported_refused_event_count(const KioskStore& store, int64_t up_to_seq) {
  int64_t count = 0;
  for (const UnexportedEvents& u : unexported_refused_events(store, up_to_seq))
    count += u.events;
  return count;
}

}  // namespace einlass::store
