#pragma once
// Issuing tickets: every registration that needs one (none issued yet for its current
// ticket_serial, not cancelled) gets its rounds placed where it has no placement yet (bulk
// room assignment, stored in registrations.round_topics so the kiosks' rooms agree with the
// e-mail), a signed code, a QR PNG and a complete .eml in the output folder, and a queued row in
// the mail outbox. Files are written before the rows are committed, so a crash in between only
// means the next run writes them again; a committed row always has its files.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/core/event_model.hpp"
#include "kiosk/core/ticket_keys.hpp"
#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/mail/mail_texts.hpp"
#include "sync/server/mail/mime_message.hpp"

namespace einlass::sync::server::mail {

struct IssueSettings {
  std::filesystem::path out_dir;
  Mailbox from;
  Mailbox reply_to;      // address may be empty
  int64_t now_unix = 0;  // tickets are valid from here; the e-mails' Date
  unsigned threads = 0;  // 0 = one per core
  // The e-mail's words (load_mail_texts); empty: the bundled ones, read before anything is
  // written, so a broken language file stops the run with nothing changed.
  std::shared_ptr<const MailTexts> texts;
};

struct IssuedTicket {
  uint32_t registration_id = 0;
  int serial = 0;
  std::string problem;  // "" when the e-mail is ready; else why it will not be sent
};

// Where the rooms of the tickets issued came from; together with the unplaced (chosen topics
// that fitted nowhere) they add up to issued.size().
struct IssueReport {
  std::vector<IssuedTicket> issued;
  int placed = 0;          // registrations whose rounds were placed now
  int already_placed = 0;  // placed before this run (an earlier run, a changed address)
  int without_topics = 0;  // chose no topic: the kiosk gives them a room at check-in
  std::vector<uint32_t> not_fully_placed;  // chosen topics did not all fit (staff decide)
  // Issued without any room although topics were chosen (each is in not_fully_placed too).
  int unplaced() const;
};

// How many registrations need a ticket (without changing anything).
int64_t count_tickets_due(const store::Database& db);

// Throws std::runtime_error (with a message for the organiser) when the output folder cannot
// be written; then nothing is stored.
IssueReport issue_tickets(store::Database& db, const core::Event& event, const core::SecretKey& key,
                          const IssueSettings& settings);

// File names in the output folder: "R1001-0.png" / "R1001-0.eml" (registration and serial).
std::filesystem::path ticket_file(const std::filesystem::path& out_dir, uint32_t registration_id,
                                  int serial, std::string_view extension);

// The PNG bytes of the ticket's QR code (the kiosk's renderer: ECC M, 4 px per module).
std::vector<uint8_t> ticket_qr_png(std::string_view code);

}  // namespace einlass::sync::server::mail
