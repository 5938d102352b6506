#pragma once
// The mail outbox: one row per registration and ticket serial, so a ticket e-mail is queued
// once, and every change of state is committed before the next step happens.
//
//   queued --(committed before the SMTP transaction starts)--> sending --> sent | failed
//                                                                 \--> queued (4xx: later)
//
// What happens to a row still in "sending" when a run crashed: SMTP has no idempotency key, so
// nobody can tell whether the server took the message before the crash (it may have answered
// "250" an instant before the process died). Sending again risks a duplicate e-mail; not
// sending risks a participant without a ticket. Neither may happen silently, so the next run
// marks such rows "uncertain", lists them (id and address) and sends nothing for them until
// the organiser decides: `--resend-uncertain` sends them again (better a duplicate than no
// ticket), `--uncertain-were-sent` records them as sent (after checking the mail server's
// log). Everything else in the run goes on as usual.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/store/sqlite_db.hpp"

namespace einlass::sync::server::mail {

enum class MailState { Queued, Sending, Sent, Failed, Uncertain, NoAddress, Superseded };

std::string_view mail_state_name(MailState state);  // as stored: "queued", "sending", …

struct OutboxRow {
  uint32_t registration_id = 0;
  int ticket_serial = 0;
  std::string email;
  std::string code;
  std::string message_id;
  std::string eml_file;  // "" when there is no e-mail (no address)
  MailState state = MailState::Queued;
  int attempts = 0;
  std::string server_answer;  // the mail server's last answer, or why nothing was sent
};

// Inside the caller's transaction. A row for the same registration and serial (one that could
// not go out for want of a valid address) is replaced. Older rows of the same registration that are
// still queued (or uncertain) become "superseded": their code was replaced and must not go out any
// more.
void queue_mail(store::Database& db, const OutboxRow& row, int64_t now_ms);

std::optional<OutboxRow> find_mail(const store::Database& db, uint32_t registration_id,
                                   int ticket_serial);
std::vector<OutboxRow> mails_in_state(const store::Database& db, MailState state);
// Counts per state name, for the run's summary.
std::vector<std::pair<std::string, int64_t>> mail_state_counts(const store::Database& db);

// Each commits on its own: the state on disk is always the state of the world.
void set_mail_state(store::Database& db, const OutboxRow& row, MailState state,
                    std::string_view server_answer, int64_t now_ms);
// "sending" left by a crashed run -> "uncertain"; returns how many.
int64_t mark_interrupted_as_uncertain(store::Database& db, int64_t now_ms);
// The organiser's decision about uncertain rows; returns how many changed.
int64_t requeue_uncertain(store::Database& db, int64_t now_ms);
int64_t record_uncertain_as_sent(store::Database& db, int64_t now_ms);

}  // namespace einlass::sync::server::mail
