#pragma once
// Sending the queued ticket e-mails, one at a time, each through the outbox states (see
// mail_outbox.hpp): a crash at any point leaves every message either clearly sent, clearly not
// sent (queued, sent by the next run) or listed as uncertain for the organiser to decide.

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kiosk/store/sqlite_db.hpp"
#include "sync/server/mail/mail_outbox.hpp"
#include "sync/server/mail/smtp_sender.hpp"

namespace einlass::sync::server::mail {

struct DeliveryOptions {
  std::string envelope_from;
  double per_minute = 60;  // rate limit; the server's and the provider's limits, not ours
  // Test hook: after this many messages were accepted, end the process at once, before the
  // acceptance is recorded (the worst moment for a crash). -1 = off.
  int crash_after_accepted = -1;
};

struct DeliveryReport {
  int sent = 0;
  std::vector<OutboxRow> rejected;   // 5xx: permanent, per person
  std::vector<OutboxRow> deferred;   // 4xx: stay queued for the next run
  std::vector<OutboxRow> uncertain;  // connection lost after the message was handed over
  std::vector<OutboxRow> skipped;    // replaced by a newer ticket or cancelled meanwhile
  std::string stopped;               // why the run stopped early ("" = it did not)
};

// Sends every queued message once (4xx answers are not retried within the run). A message
// whose registration was cancelled or re-issued since is marked superseded instead.
DeliveryReport deliver_queued(store::Database& db, SmtpSender& sender,
                              const DeliveryOptions& options);

}  // namespace einlass::sync::server::mail
