#include "sync/server/mail/mail_outbox.hpp"

#include <array>
#include <stdexcept>

namespace einlass::sync::server::mail {

namespace {

constexpr std::array<std::string_view, 7> kStateNames{
    "queued", "sending", "sent", "failed", "uncertain", "no_address", "superseded"};

MailState state_from_name(std::string_view name) {
  for (size_t i = 0; i < kStateNames.size(); ++i)
    if (kStateNames[i] == name) return static_cast<MailState>(i);
  throw store::StoreError("mail_outbox: unknown state \"" + std::string(name) + "\"");
}

constexpr std::string_view kColumns =
    "registration_id, ticket_serial, email, code, message_id, eml_file, state, attempts, "
    "server_answer";

OutboxRow read_row(const store::Statement& st) {
  OutboxRow r;
  r.registration_id = static_cast<uint32_t>(st.integer(0));
  r.ticket_serial = static_cast<int>(st.integer(1));
  r.email = st.text(2);
  r.code = st.text(3);
  r.message_id = st.text(4);
  r.eml_file = st.text(5);
  r.state = state_from_name(st.text(6));
  r.attempts = static_cast<int>(st.integer(7));
  r.server_answer = st.text(8);
  return r;
}

int64_t move_all(store::Database& db, MailState from, MailState to, int64_t now_ms) {
  store::Statement st =
      db.prepare("UPDATE mail_outbox SET state = ?, updated_ms = ? WHERE state = ?");
  st.bind(1, mail_state_name(to)).bind(2, now_ms).bind(3, mail_state_name(from));
  st.run();
  return db.changes();
}

}  // namespace

std::string_view mail_state_name(MailState state) {
  return kStateNames.at(static_cast<size_t>(state));
}

void queue_mail(store::Database& db, const OutboxRow& row, int64_t now_ms) {
  store::Statement supersede = db.prepare(
      "UPDATE mail_outbox SET state = 'superseded', updated_ms = ?, server_answer = "
      "'replaced by ticket serial ' || ? WHERE registration_id = ? AND ticket_serial < ? AND "
      "state IN ('queued', 'uncertain')");
  supersede.bind(1, now_ms)
      .bind(2, row.ticket_serial)
      .bind(3, static_cast<int64_t>(row.registration_id))
      .bind(4, row.ticket_serial);
  supersede.run();
  store::Statement insert = db.prepare(
      "INSERT INTO mail_outbox (registration_id, ticket_serial, email, code, message_id, "
      "eml_file, state, attempts, server_answer, created_ms, updated_ms) "
      "VALUES (?,?,?,?,?,?,?,0,?,?,?) ON CONFLICT (registration_id, ticket_serial) DO UPDATE SET "
      "email = excluded.email, code = excluded.code, message_id = excluded.message_id, "
      "eml_file = excluded.eml_file, state = excluded.state, attempts = 0, "
      "server_answer = excluded.server_answer, updated_ms = excluded.updated_ms");
  insert.bind(1, static_cast<int64_t>(row.registration_id))
      .bind(2, row.ticket_serial)
      .bind(3, row.email)
      .bind(4, row.code)
      .bind(5, row.message_id)
      .bind(6, row.eml_file)
      .bind(7, mail_state_name(row.state))
      .bind(8, row.server_answer)
      .bind(9, now_ms)
      .bind(10, now_ms);
  insert.run();
}

std::optional<OutboxRow> find_mail(const store::Database& db, uint32_t registration_id,
                                   int ticket_serial) {
  store::Statement st = db.prepare("SELECT " + std::string(kColumns) +
                                   " FROM mail_outbox WHERE registration_id = ? AND "
                                   "ticket_serial = ?");
  st.bind(1, static_cast<int64_t>(registration_id)).bind(2, ticket_serial);
  if (!st.step()) return std::nullopt;
  return read_row(st);
}

std::vector<OutboxRow> mails_in_state(const store::Database& db, MailState state) {
  store::Statement st =
      db.prepare("SELECT " + std::string(kColumns) +
                 " FROM mail_outbox WHERE state = ? ORDER BY registration_id, ticket_serial");
  st.bind(1, mail_state_name(state));
  std::vector<OutboxRow> out;
  while (st.step())
    out.push_back(read_row(st));
  return out;
}

std::vector<std::pair<std::string, int64_t>> mail_state_counts(const store::Database& db) {
  store::Statement st =
      db.prepare("SELECT state, COUNT(*) FROM mail_outbox GROUP BY state ORDER BY state");
  std::vector<std::pair<std::string, int64_t>> out;
  while (st.step())
    out.emplace_back(st.text(0), st.integer(1));
  return out;
}

void set_mail_state(store::Database& db, const OutboxRow& row, MailState state,
                    std::string_view server_answer, int64_t now_ms) {
  store::Statement st = db.prepare(
      "UPDATE mail_outbox SET state = ?, server_answer = ?, updated_ms = ?, "
      "attempts = attempts + ?, sent_ms = CASE WHEN ? = 'sent' THEN ? ELSE sent_ms END "
      "WHERE registration_id = ? AND ticket_serial = ?");
  st.bind(1, mail_state_name(state))
      .bind(2, server_answer)
      .bind(3, now_ms)
      .bind(4, state == MailState::Sending ? 1 : 0)
      .bind(5, mail_state_name(state))
      .bind(6, now_ms)
      .bind(7, static_cast<int64_t>(row.registration_id))
      .bind(8, row.ticket_serial);
  st.run();
  if (db.changes() != 1)
    throw store::StoreError("mail_outbox: no row for registration " +
                            std::to_string(row.registration_id));
}

int64_t mark_interrupted_as_uncertain(store::Database& db, int64_t now_ms) {
  return move_all(db, MailState::Sending, MailState::Uncertain, now_ms);
}

int64_t requeue_uncertain(store::Database& db, int64_t now_ms) {
  return move_all(db, MailState::Uncertain, MailState::Queued, now_ms);
}

int64_t record_uncertain_as_sent(store::Database& db, int64_t now_ms) {
  store::Statement st = db.prepare(
      "UPDATE mail_outbox SET state = 'sent', sent_ms = ?1, updated_ms = ?1, server_answer = "
      "'recorded as sent by the organiser' WHERE state = 'uncertain'");
  st.bind(1, now_ms);
  st.run();
  return db.changes();
}

}  // namespace einlass::sync::server::mail
