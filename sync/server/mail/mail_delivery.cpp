#include "sync/server/mail/mail_delivery.hpp"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

#include "kiosk/core/unix_time.hpp"
#include "sync/server/registrations.hpp"

namespace einlass::sync::server::mail {

namespace {

using Clock = std::chrono::steady_clock;

std::string read_message(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

DeliveryReport deliver_queued(store::Database& db, SmtpSender& sender,
                              const DeliveryOptions& options) {
  DeliveryReport report;
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(options.per_minute > 0 ? 60.0 / options.per_minute : 0.0));
  auto next_start = Clock::now();
  int accepted = 0;
  for (OutboxRow row : mails_in_state(db, MailState::Queued)) {
    const auto current = find_registration(db, row.registration_id);
    if (!current || current->cancelled || current->ticket_serial != row.ticket_serial) {
      set_mail_state(
          db, row, MailState::Superseded,
          current && !current->cancelled ? "replaced by a newer ticket" : "registration cancelled",
          core::unix_now_ms());
      report.skipped.push_back(row);
      continue;
    }
    const std::string message = read_message(row.eml_file);
    if (message.empty()) {
      report.stopped = "cannot read " + row.eml_file +
                       " (the output folder was moved or deleted?); nothing more was sent";
      break;
    }
    std::this_thread::sleep_until(next_start);
    next_start = Clock::now() + interval;

    // Committed before the first byte goes out: from here on a crash means "uncertain".
    set_mail_state(db, row, MailState::Sending, "", core::unix_now_ms());
    const SmtpResult result = sender.send(options.envelope_from, row.email, message);
    if (result.outcome == SmtpOutcome::Accepted && ++accepted == options.crash_after_accepted)
      std::_Exit(70);
    const int64_t now = core::unix_now_ms();
    row.server_answer = result.answer;
    switch (result.outcome) {
      case SmtpOutcome::Accepted:
        set_mail_state(db, row, MailState::Sent, result.answer, now);
        ++report.sent;
        break;
      case SmtpOutcome::Rejected:
        set_mail_state(db, row, MailState::Failed, result.answer, now);
        report.rejected.push_back(row);
        break;
      case SmtpOutcome::Deferred:
        set_mail_state(db, row, MailState::Queued, result.answer, now);
        report.deferred.push_back(row);
        break;
      case SmtpOutcome::Unknown:
        set_mail_state(db, row, MailState::Uncertain, result.answer, now);
        report.uncertain.push_back(row);
        break;
      case SmtpOutcome::NotSent:
        set_mail_state(db, row, MailState::Queued, result.answer, now);
        report.stopped = "the mail server could not be used: " + result.answer +
                         "; this and the following e-mails stay queued";
        return report;
    }
  }
  return report;
}

}  // namespace einlass::sync::server::mail
