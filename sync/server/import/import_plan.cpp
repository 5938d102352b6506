#include "sync/server/import/import_plan.hpp"

#include <set>
#include <stdexcept>
#include <unordered_map>

#include "kiosk/store/event_columns.hpp"

namespace einlass::sync::server::import {

namespace {

std::string yes_no(bool value) {
  return value ? "yes" : "no";
}

std::unordered_map<std::string, uint32_t> known_identities(const store::Database& db) {
  std::unordered_map<std::string, uint32_t> out;
  store::Statement st = db.prepare("SELECT identity, registration_id FROM import_identities");
  while (st.step())
    out.emplace(st.text(0), static_cast<uint32_t>(st.integer(1)));
  return out;
}

// Field-by-field differences of what the file says; returns whether the ticket must change.
bool compare(const Registration& before, const Registration& after, std::vector<FieldChange>& out) {
  const auto note = [&](const char* field, const std::string& a, const std::string& b) {
    if (a != b) out.push_back({field, a, b});
  };
  note("first_name", before.first_name, after.first_name);
  note("last_name", before.last_name, after.last_name);
  note("organisation", before.organisation, after.organisation);
  note("email", before.email, after.email);
  note("venue", before.venue, after.venue);
  note("day", before.day, after.day);
  note("topics", store::join_list(before.topics), store::join_list(after.topics));
  if (before.cancelled != after.cancelled)
    out.push_back({"cancelled", yes_no(before.cancelled), yes_no(after.cancelled)});
  return before.venue != after.venue || before.day != after.day || before.topics != after.topics;
}

std::string summary(const Registration& r) {
  std::string out = r.venue;
  if (!r.day.empty()) out += " " + r.day;
  if (!r.topics.empty()) out += ", " + store::join_list(r.topics);
  return out;
}

}  // namespace

ImportPlan plan_import(const store::Database& db, const std::vector<ImportRow>& rows,
                       const ImportOptions& options) {
  ImportPlan plan;
  const auto identities = known_identities(db);
  const auto stored = all_registrations(db);
  const auto stored_registration = [&](uint32_t id) -> std::optional<Registration> {
    const auto it = stored.find(id);
    return it == stored.end() ? std::nullopt : std::optional<Registration>(it->second);
  };
  uint32_t next_id =
      static_cast<uint32_t>(db.query_int("SELECT COALESCE(MAX(id), 0) + 1 FROM registrations"));
  std::set<uint32_t> present;
  std::set<std::string> venues_in_file;
  for (const ImportRow& row : rows) {
    venues_in_file.insert(row.registration.venue);
    const auto known = identities.find(row.identity);
    const std::optional<Registration> before =
        known == identities.end() ? std::nullopt : stored_registration(known->second);
    PlannedChange change;
    change.line = row.line;
    change.identity = row.identity;
    if (!before) {
      change.kind = PlannedChange::Kind::Added;
      change.after = row.registration;
      change.after.id = known == identities.end() ? next_id++ : known->second;
      change.fields.push_back({"added", "", summary(change.after)});
      present.insert(change.after.id);
      ++plan.counts.added;
      plan.changes.push_back(std::move(change));
      continue;
    }
    present.insert(before->id);
    // What the file does not hold (ticket serial, placement, another system's code) stays.
    Registration after = *before;
    after.first_name = row.registration.first_name;
    after.last_name = row.registration.last_name;
    after.organisation = row.registration.organisation;
    after.email = row.registration.email;
    after.venue = row.registration.venue;
    after.day = row.registration.day;
    after.topics = row.registration.topics;
    after.cancelled = false;
    if (compare(*before, after, change.fields)) {
      if (before->ticket_serial >= 255)
        throw std::runtime_error("line " + std::to_string(row.line) + ": registration " +
                                 std::to_string(before->id) +
                                 " has had its ticket re-issued 255 times; no serial is left");
      after.ticket_serial = before->ticket_serial + 1;
      after.round_topics.clear();
      change.reissued = true;
      change.fields.push_back({"ticket_serial", std::to_string(before->ticket_serial),
                               std::to_string(after.ticket_serial)});
      if (!before->round_topics.empty())
        change.fields.push_back({"round_topics", store::join_list(before->round_topics), ""});
    }
    if (change.fields.empty()) {
      ++plan.counts.unchanged;
      continue;
    }
    change.kind = PlannedChange::Kind::Changed;
    change.after = std::move(after);
    ++plan.counts.changed;
    if (change.reissued) ++plan.counts.reissued;
    plan.changes.push_back(std::move(change));
  }
  if (!options.cancel_missing) return plan;

  for (const auto& [identity, id] : identities) {
    if (present.contains(id)) continue;
    const auto before = stored_registration(id);
    if (!before || before->cancelled || !venues_in_file.contains(before->venue)) continue;
    PlannedChange change;
    change.kind = PlannedChange::Kind::Cancelled;
    change.identity = identity;
    change.after = *before;
    change.after.cancelled = true;
    change.fields.push_back({"cancelled", "no", "yes"});
    ++plan.counts.cancelled;
    plan.changes.push_back(std::move(change));
  }
  return plan;
}

int64_t apply_import(store::Database& db, const ImportPlan& plan, const std::string& file_name,
                     int64_t now_ms) {
  store::Transaction tx(db);
  store::Statement run = db.prepare(
      "INSERT INTO import_runs (file, started_ms, added, changed, unchanged, cancelled, reissued, "
      "rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  const ImportCounts& c = plan.counts;
  run.bind(1, file_name)
      .bind(2, now_ms)
      .bind(3, c.added)
      .bind(4, c.changed)
      .bind(5, c.unchanged)
      .bind(6, c.cancelled)
      .bind(7, c.reissued)
      .bind(8, c.rejected);
  run.run();
  const int64_t run_id = sqlite3_last_insert_rowid(db.handle());

  store::Statement identity = db.prepare(
      "INSERT OR IGNORE INTO import_identities (identity, registration_id) VALUES (?, ?)");
  store::Statement record = db.prepare(
      "INSERT INTO registration_changes (run_id, registration_id, field, old_value, new_value) "
      "VALUES (?, ?, ?, ?, ?)");
  std::vector<Registration> writes;
  writes.reserve(plan.changes.size());
  for (const PlannedChange& change : plan.changes) {
    if (change.kind == PlannedChange::Kind::Added) {
      identity.bind(1, change.identity).bind(2, static_cast<int64_t>(change.after.id));
      identity.run();
    }
    for (const FieldChange& f : change.fields) {
      record.bind(1, run_id)
          .bind(2, static_cast<int64_t>(change.after.id))
          .bind(3, f.field)
          .bind(4, f.before)
          .bind(5, f.after);
      record.run();
    }
    writes.push_back(change.after);
  }
  upsert_registrations_in(tx, db, writes, now_ms);
  tx.commit();
  return run_id;
}

}  // namespace einlass::sync::server::import
