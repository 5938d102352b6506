#include "sync/server/registrations.hpp"

#include <algorithm>
#include <map>

#include "kiosk/core/roster_entry.hpp"
#include "kiosk/store/event_columns.hpp"
#include "sync/protocol/json_reader.hpp"
#include "sync/protocol/limits.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

using protocol::ProtocolError;

constexpr std::string_view kColumns =
    "id, first_name, last_name, organisation, email, venue, day, topics, round_topics, "
    "ticket_serial, cancelled, opaque_code";

Registration read_row(const store::Statement& st, int first = 0) {
  Registration r;
  r.id = static_cast<uint32_t>(st.integer(first + 0));
  r.first_name = st.text(first + 1);
  r.last_name = st.text(first + 2);
  r.organisation = st.text(first + 3);
  r.email = st.text(first + 4);
  r.venue = st.text(first + 5);
  r.day = st.text(first + 6);
  r.topics = store::split_list(st.text(first + 7));
  r.round_topics = store::split_list(st.text(first + 8));
  r.ticket_serial = static_cast<int>(st.integer(first + 9));
  r.cancelled = st.integer(first + 10) != 0;
  r.opaque_code = st.text(first + 11);
  return r;
}

bool same(const Registration& a, const Registration& b) {
  return a.first_name == b.first_name && a.last_name == b.last_name &&
         a.organisation == b.organisation && a.email == b.email && a.venue == b.venue &&
         a.day == b.day && a.topics == b.topics && a.round_topics == b.round_topics &&
         a.ticket_serial == b.ticket_serial && a.cancelled == b.cancelled &&
         a.opaque_code == b.opaque_code;
}

core::RosterEntry to_roster_entry(const Registration& r) {
  core::RosterEntry e;
  e.participant_id = core::participant_id_for_registration(r.id);
  e.registration_id = r.id;
  e.ticket_serial = static_cast<uint8_t>(r.ticket_serial);
  e.opaque_code = r.opaque_code;
  e.first_name = r.first_name;
  e.last_name = r.last_name;
  e.organisation = r.organisation;
  e.venue = r.venue;
  e.day = r.day;
  e.round_topics = r.round_topics;
  for (const std::string& t : r.topics)
    if (std::find(r.round_topics.begin(), r.round_topics.end(), t) == r.round_topics.end())
      e.unplaced_topics.push_back(t);
  e.cancelled = r.cancelled;
  return e;
}

int64_t next_roster_seq(store::Database& db) {
  const int64_t next = kMeta.get_int(db, "roster_seq") + 1;
  kMeta.put_int(db, "roster_seq", next);
  return next;
}

}  // namespace

Registration registration_from_json(const nlohmann::json& value, const std::string& path,
                                    const core::Event& event) {
  const protocol::JsonReader r(value, path, true);
  Registration reg;
  reg.id = static_cast<uint32_t>(r.integer("id", 1, UINT32_MAX));
  reg.first_name = r.optional_text("first_name", protocol::kMaxTextLength).value_or("");
  reg.last_name = r.text("last_name", protocol::kMaxTextLength);
  reg.organisation = r.optional_text("organisation", protocol::kMaxTextLength).value_or("");
  reg.email = r.optional_text("email", protocol::kMaxTextLength).value_or("");
  reg.venue = r.text("venue", protocol::kMaxIdLength);
  reg.day = r.optional_text("day", 10).value_or("");
  if (r.has("topics")) reg.topics = r.text_list("topics", 16, protocol::kMaxIdLength);
  if (r.has("round_topics"))
    reg.round_topics = r.text_list("round_topics", protocol::kMaxRounds, protocol::kMaxIdLength);
  reg.ticket_serial = static_cast<int>(r.optional_integer("ticket_serial", 0, 255).value_or(0));
  reg.cancelled = r.optional_boolean("cancelled").value_or(false);
  reg.opaque_code = r.optional_text("opaque_code", protocol::kMaxTextLength).value_or("");
  r.finish();

  const auto venue = core::venue_index(event, reg.venue);
  if (!venue)
    throw ProtocolError(path + ".venue \"" + reg.venue + "\" is not a venue of the event");
  if (!reg.day.empty() && !core::day_index(event.venues[*venue], reg.day))
    throw ProtocolError(path + ".day " + reg.day + " is not a day of venue " + reg.venue);
  for (const auto* list : {&reg.topics, &reg.round_topics})
    for (const std::string& topic : *list)
      if (!topic.empty() && !core::find_topic(event, topic))
        throw ProtocolError(path + ": topic \"" + topic + "\" is not a topic of the event");
  if (reg.round_topics.size() > event.rounds.size())
    throw ProtocolError(path + ".round_topics has more entries than the event has rounds");
  return reg;
}

nlohmann::json registration_to_json(const Registration& r) {
  return {{"id", r.id},
          {"first_name", r.first_name},
          {"last_name", r.last_name},
          {"organisation", r.organisation},
          {"email", r.email},
          {"venue", r.venue},
          {"day", r.day},
          {"topics", r.topics},
          {"round_topics", r.round_topics},
          {"ticket_serial", r.ticket_serial},
          {"cancelled", r.cancelled},
          {"opaque_code", r.opaque_code}};
}

std::optional<Registration> find_registration(const store::Database& db, uint32_t id) {
  store::Statement st =
      db.prepare("SELECT " + std::string(kColumns) + " FROM registrations WHERE id = ?");
  st.bind(1, static_cast<int64_t>(id));
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::unordered_map<uint32_t, Registration> all_registrations(const store::Database& db) {
  std::unordered_map<uint32_t, Registration> out;
  store::Statement st = db.prepare("SELECT " + std::string(kColumns) + " FROM registrations");
  while (st.step()) {
    Registration r = read_row(st);
    out.emplace(r.id, std::move(r));
  }
  return out;
}

UpsertCounts upsert_registrations(store::Database& db, const std::vector<Registration>& list,
                                  int64_t now_ms) {
  store::Transaction tx(db);
  const UpsertCounts counts = upsert_registrations_in(tx, db, list, now_ms);
  tx.commit();
  return counts;
}

UpsertCounts upsert_registrations_in(store::Transaction&, store::Database& db,
                                     const std::vector<Registration>& list, int64_t now_ms) {
  UpsertCounts counts;
  store::Statement write = db.prepare(
      "INSERT INTO registrations (id, first_name, last_name, organisation, email, venue, day, "
      "topics, round_topics, ticket_serial, cancelled, opaque_code, changed_seq, created_ms, "
      "updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET "
      "first_name = excluded.first_name, last_name = excluded.last_name, "
      "organisation = excluded.organisation, email = excluded.email, venue = excluded.venue, "
      "day = excluded.day, topics = excluded.topics, round_topics = excluded.round_topics, "
      "ticket_serial = excluded.ticket_serial, cancelled = excluded.cancelled, "
      "opaque_code = excluded.opaque_code, changed_seq = excluded.changed_seq, "
      "updated_ms = excluded.updated_ms");
  store::Statement depart = db.prepare(
      "INSERT INTO roster_departures (registration_id, venue, changed_seq) VALUES (?, ?, ?)");
  // Prepared once: a per-row prepare costs more than the lookup on a 50,000-row import.
  store::Statement find =
      db.prepare("SELECT " + std::string(kColumns) + " FROM registrations WHERE id = ?");
  for (const Registration& r : list) {
    find.bind(1, static_cast<int64_t>(r.id));
    const auto before = find.step() ? std::optional<Registration>(read_row(find)) : std::nullopt;
    find.reset();
    if (before && same(*before, r)) {
      ++counts.unchanged;
      continue;
    }
    ++(before ? counts.changed : counts.added);
    const int64_t seq = next_roster_seq(db);
    if (before && before->venue != r.venue) {
      depart.bind(1, static_cast<int64_t>(r.id)).bind(2, before->venue).bind(3, seq);
      depart.run();
    }
    write.bind(1, static_cast<int64_t>(r.id))
        .bind(2, r.first_name)
        .bind(3, r.last_name)
        .bind(4, r.organisation)
        .bind(5, r.email)
        .bind(6, r.venue)
        .bind(7, r.day)
        .bind(8, store::join_list(r.topics))
        .bind(9, store::join_list(r.round_topics))
        .bind(10, r.ticket_serial)
        .bind(11, r.cancelled ? 1 : 0);
    if (r.opaque_code.empty()) {
      write.bind_null(12);
    } else {
      write.bind(12, r.opaque_code);
    }
    write.bind(13, seq).bind(14, now_ms).bind(15, now_ms);
    write.run();
  }
  return counts;
}

int64_t roster_head(const store::Database& db, const std::string& venue) {
  store::Statement st = db.prepare(
      "SELECT MAX(COALESCE((SELECT MAX(changed_seq) FROM registrations WHERE venue = ?1), 0), "
      "COALESCE((SELECT MAX(changed_seq) FROM roster_departures WHERE venue = ?1), 0))");
  st.bind(1, venue);
  return st.step() ? st.integer(0) : 0;
}

protocol::RosterPage roster_page(const store::Database& db, const std::string& venue, int64_t since,
                                 int limit) {
  protocol::RosterPage page;
  db.prepare("BEGIN").run();
  try {
    const int64_t head = roster_head(db, venue);
    // Both kinds of change in cursor order; the latest change of a participant within the page
    // wins, so "moved away and back" never ends as a removal.
    store::Statement st = db.prepare(
        "SELECT changed_seq, 0 AS gone, " + std::string(kColumns) +
        " FROM registrations WHERE venue = ?1 AND changed_seq > ?2 "
        "UNION ALL SELECT changed_seq, 1, registration_id, '', '', '', '', '', '', '', '', 0, 0, "
        "NULL FROM roster_departures WHERE venue = ?1 AND changed_seq > ?2 "
        "ORDER BY 1 LIMIT ?3");
    st.bind(1, venue).bind(2, since).bind(3, limit + 1);
    std::map<uint32_t, std::optional<core::RosterEntry>> latest;  // nullopt = removed
    std::vector<uint32_t> order;
    int rows = 0;
    int64_t last = since;
    while (st.step()) {
      if (rows == limit) {
        page.more = true;
        break;
      }
      ++rows;
      last = st.integer(0);
      const Registration r = read_row(st, 2);
      if (!latest.contains(r.id)) order.push_back(r.id);
      if (st.integer(1) != 0) {
        latest[r.id] = std::nullopt;
      } else {
        latest[r.id] = to_roster_entry(r);
      }
    }
    for (uint32_t id : order) {
      if (latest[id]) {
        page.entries.push_back(std::move(*latest[id]));
      } else {
        page.removed.push_back(core::participant_id_for_registration(id));
      }
    }
    page.cursor = page.more ? last : std::max(head, since);
  } catch (...) {
    db.prepare("ROLLBACK").run();
    throw;
  }
  db.prepare("COMMIT").run();
  return page;
}

}  // namespace einlass::sync::server
