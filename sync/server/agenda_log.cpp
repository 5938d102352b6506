#include "sync/server/agenda_log.hpp"

#include "kiosk/store/agenda_change_rows.hpp"

namespace einlass::sync::server {

namespace {

const core::Day& configured_day(const ServerConfig& config, const std::string& venue_id,
                                const std::string& day) {
  const core::Venue* venue = nullptr;
  try {
    venue = &require_venue(config.event, venue_id);
  } catch (const ServerConfigError& e) {
    throw AgendaChangeError(e.what());
  }
  const auto index = core::day_index(*venue, day);
  if (!index) throw AgendaChangeError(day + " is not a day of venue " + venue_id);
  return venue->days[*index];
}

}  // namespace

std::vector<core::AgendaChange> agenda_changes(const store::Database& db, const std::string& venue,
                                               int64_t since) {
  std::vector<core::AgendaChange> out;
  store::Statement st = db.prepare("SELECT " + std::string(store::kAgendaChangeColumns) +
                                   " FROM agenda_changes WHERE venue = ? AND id > ? ORDER BY id");
  st.bind(1, venue).bind(2, since);
  while (st.step())
    out.push_back(store::read_agenda_change_columns(st));
  return out;
}

core::Day current_day(const store::Database& db, const ServerConfig& config,
                      const std::string& venue, const std::string& day) {
  return core::apply_agenda_changes(configured_day(config, venue, day), venue,
                                    agenda_changes(db, venue, 0));
}

core::AgendaChange add_agenda_change(store::Database& db, const ServerConfig& config,
                                     core::AgendaChange change, int64_t now_ms) {
  const core::Day& day = configured_day(config, change.venue, change.day);
  if (change.kind == core::AgendaChangeKind::ChangeItem) {
    if (change.item < 0 || static_cast<size_t>(change.item) >= day.agenda.size())
      throw AgendaChangeError("item " + std::to_string(change.item + 1) + " does not exist; the " +
                              change.day + " agenda has " + std::to_string(day.agenda.size()) +
                              " items");
    if (!change.start && !change.end && !change.title)
      throw AgendaChangeError("say what changes: a new start, end or title");
  }
  if (change.kind == core::AgendaChangeKind::Delay && change.minutes == 0)
    throw AgendaChangeError("a delay of 0 minutes changes nothing");

  store::Transaction tx(db);
  std::vector<core::AgendaChange> all = agenda_changes(db, change.venue, 0);
  change.id = (all.empty() ? 0 : all.back().id) + 1;  // only for ordering the check below
  change.created_ms = now_ms;
  all.push_back(change);
  const core::Day result = core::apply_agenda_changes(day, change.venue, all);
  if (const auto problem = core::check_changed_day(result))
    throw AgendaChangeError("refused, the agenda would not work: " + *problem);

  change.id = 0;  // bound as NULL: the log assigns the real one
  store::Statement insert =
      db.prepare("INSERT INTO agenda_changes (" + std::string(store::kAgendaChangeColumns) +
                 ") VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  store::bind_agenda_change_columns(insert, change);
  insert.run();
  change.id = sqlite3_last_insert_rowid(db.handle());
  tx.commit();
  return change;
}

protocol::AgendaPage agenda_page(const store::Database& db, const std::string& venue,
                                 int64_t since) {
  protocol::AgendaPage page;
  page.changes = agenda_changes(db, venue, since);
  page.cursor = page.changes.empty() ? since : page.changes.back().id;
  return page;
}

int64_t agenda_head(const store::Database& db, const std::string& venue) {
  store::Statement st =
      db.prepare("SELECT COALESCE(MAX(id), 0) FROM agenda_changes WHERE venue = ?");
  st.bind(1, venue);
  return st.step() ? st.integer(0) : 0;
}

}  // namespace einlass::sync::server
