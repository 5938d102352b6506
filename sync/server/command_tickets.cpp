// einlass-server tickets: issue the tickets that are due, write their QR PNGs and e-mails into
// a folder, and send the e-mails through SMTP (see sync/server/mail/).

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>

#include <date/date.h>

#include "kiosk/core/ticket_key_files.hpp"
#include "sync/server/mail/mail_delivery.hpp"
#include "sync/server/mail/mail_outbox.hpp"
#include "sync/server/mail/mime_encoding.hpp"
#include "sync/server/mail/ticket_issuing.hpp"
#include "sync/server/retention/ticket_folders.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/server_config.hpp"
#include "sync/server/server_db.hpp"

namespace einlass::sync::server {

namespace {

using namespace mail;

// wording_fingerprint() of the texts the last issuing run wrote its e-mails with.
constexpr std::string_view kWordingKey = "mail_wording";

struct TicketsArgs {
  std::string db, key, out, from, reply_to, now;
  std::string lang_dir;  // the organiser's wording of the e-mail (overrides the bundled texts)
  std::string smtp, starttls = "required", smtp_ca, credentials;
  double rate = 60;
  unsigned threads = 0;
  bool dry_run = false, resend_uncertain = false, uncertain_were_sent = false;
  int crash_after_accepted = -1;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "Name <addr>" or "addr".
Mailbox parse_mailbox(const std::string& text, const std::string& option) {
  Mailbox box;
  const size_t open = text.rfind('<');
  if (open != std::string::npos && text.ends_with('>')) {
    box.address = text.substr(open + 1, text.size() - open - 2);
    std::string name = text.substr(0, open);
    while (!name.empty() && name.back() == ' ')
      name.pop_back();
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
      name = name.substr(1, name.size() - 2);
    box.display_name = name;
  } else {
    box.address = text;
  }
  if (!is_plain_mail_address(box.address))
    throw UsageError(option + " \"" + text +
                     "\" is not an e-mail address; give e.g. \"Regionalkonferenzen "
                     "<anmeldung@example.org>\"");
  return box;
}

int64_t parse_now(const std::string& text) {
  if (text.empty()) return core::unix_now_ms() / 1000;
  // A strict pattern instead of date::parse (which reads an uninitialised value, see the
  // kiosk's --now).
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  char z = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) != 7 ||
      z != 'Z' || text.size() != 20 || h > 23 || mi > 59 || s > 59 ||
      !date::year_month_day{date::year{y}, date::month(static_cast<unsigned>(mo)),
                            date::day(static_cast<unsigned>(d))}
           .ok())
    throw UsageError("--now \"" + text + "\" must look like 2019-08-29T09:00:00Z (UTC)");
  const date::sys_days midnight{date::year{y} / mo / d};
  return midnight.time_since_epoch().count() * 86400 + h * 3600 + mi * 60 + s;
}

// "user" and "password" on the first two lines of a file only the organiser can read, or
// EINLASS_SMTP_USER / EINLASS_SMTP_PASSWORD: never on the command line, where every user of the
// machine can see them in the process list.
void read_credentials(const std::string& file, SmtpSettings& smtp) {
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) throw UsageError("--smtp-credentials: cannot read " + file);
    std::getline(in, smtp.user);
    std::getline(in, smtp.password);
    if (smtp.user.empty() || smtp.password.empty())
      throw UsageError("--smtp-credentials " + file +
                       " must hold the user name on the first line and the password on the "
                       "second");
    return;
  }
  const char* user = std::getenv("EINLASS_SMTP_USER");
  const char* password = std::getenv("EINLASS_SMTP_PASSWORD");
  if (user && *user) {
    smtp.user = user;
    smtp.password = password ? password : "";
  }
}

// One run at a time: a second run would call the first one's "sending" rows interrupted.
int lock_runs(const std::filesystem::path& db_file) {
  const std::string lock = db_file.string() + ".tickets-lock";
  const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0)
    throw UsageError("another `tickets` run is still working on this database (" + lock + ")");
  return fd;
}

bool key_is_published(const ServerConfig& config, const core::SecretKey& key) {
  const std::string id = " " + core::format_key_id(key.key_id()) + " ";
  for (const std::string& line : config.public_keys)
    if (line.find(id) != std::string::npos) return true;
  return false;
}

// Where the issued tickets' rooms come from, in words: "rooms: 12 placed now, 188 already
// placed earlier, 3 chose no Handlungsfeld (the kiosk gives them a room at check-in)".
std::string rooms_summary(const IssueReport& issued, const core::Event& event) {
  const std::string topic = event.topic_label.empty() ? "topic" : event.topic_label;
  std::string out = "rooms: " + std::to_string(issued.placed) + " placed now, " +
                    std::to_string(issued.already_placed) + " already placed earlier";
  if (issued.without_topics > 0)
    out += ", " + std::to_string(issued.without_topics) + " chose no " + topic +
           " (the kiosk gives them a room at check-in)";
  if (issued.unplaced() > 0)
    out += ", " + std::to_string(issued.unplaced()) + " could not be placed (listed below)";
  return out;
}

void print_rows(std::string_view what, const std::vector<OutboxRow>& rows) {
  for (const OutboxRow& r : rows)
    std::cout << "  " << what << ": R" << r.registration_id << " <" << r.email
              << ">: " << r.server_answer << "\n";
}

int run_tickets(const TicketsArgs& args) {
  if (!args.dry_run && args.smtp.empty())
    throw UsageError(
        "give --smtp smtp://HOST:PORT (or smtps://) to send the e-mails, or "
        "--dry-run to only write them");
  if (args.rate <= 0) throw UsageError("--rate must be more than 0 messages per minute");
  if (args.starttls != "required" && args.starttls != "optional")
    throw UsageError("--starttls must be \"required\" or \"optional\"");
  if (args.resend_uncertain && args.uncertain_were_sent)
    throw UsageError("--resend-uncertain and --uncertain-were-sent exclude each other");
  const int64_t now_unix = parse_now(args.now);
  SmtpSettings smtp;
  smtp.url = args.smtp;
  smtp.require_starttls = args.starttls == "required";
  smtp.ca_file = args.smtp_ca;
  read_credentials(args.credentials, smtp);
  if (!smtp.url.empty() && !smtp.url.starts_with("smtp://") && !smtp.url.starts_with("smtps://"))
    throw UsageError("--smtp must start with smtp:// or smtps://");
  // The e-mail's words before the database is touched: a broken language file stops the run
  // with nothing stored, written or sent. What an override lacks is said once, here.
  const auto texts =
      std::make_shared<const MailTexts>(load_mail_texts(bundled_lang_dir(), args.lang_dir));
  for (const std::string& warning : texts->warnings)
    std::cerr << "tickets: warning: " << warning << "\n";

  const auto db_file = server_db_path(args.db);
  const auto db = open_server_db(db_file);
  const auto config = load_server_config(*db);
  const int lock = lock_runs(db_file);

  if (!args.from.empty()) kMeta.put(*db, "mail_from", args.from);
  if (!args.reply_to.empty()) kMeta.put(*db, "mail_reply_to", args.reply_to);
  const std::string from_text = kMeta.get(*db, "mail_from").value_or("");
  const std::string reply_text = kMeta.get(*db, "mail_reply_to").value_or("");

  // A run that crashed left its message in "sending": listed below, never sent silently again.
  const int64_t now_ms = core::unix_now_ms();
  const int64_t interrupted = mark_interrupted_as_uncertain(*db, now_ms);
  if (interrupted > 0)
    std::cout << interrupted << " e-mail(s) were being sent when an earlier run stopped\n";
  if (args.resend_uncertain)
    std::cout << requeue_uncertain(*db, now_ms) << " uncertain e-mail(s) queued again\n";
  if (args.uncertain_were_sent)
    std::cout << record_uncertain_as_sent(*db, now_ms) << " uncertain e-mail(s) recorded as sent\n";

  // Queued e-mails were written (wording included) by the run that issued them, often a dry
  // run; re-rendering them here would need every fact that run used, so they go out as written
  // and the organiser is told when this run's wording differs, instead of sending it silently.
  const std::string wording = wording_fingerprint(*texts);
  const std::optional<std::string> written_with = kMeta.get(*db, kWordingKey);
  const bool other_wording = written_with ? *written_with != wording : !args.lang_dir.empty();
  const int64_t written_earlier =
      db->query_int("SELECT COUNT(*) FROM mail_outbox WHERE state = 'queued' AND eml_file <> ''");
  if (other_wording && written_earlier > 0)
    std::cerr << "tickets: warning: " << written_earlier
              << " e-mail(s) were written earlier with the wording of that run; they go out as "
                 "written, not in the wording of this run. To check the wording before "
                 "sending, give the same --lang-dir to the --dry-run that writes the e-mails "
                 "and read the .eml files it writes\n";

  const int64_t due = count_tickets_due(*db);
  if (due > 0) {
    if (args.key.empty())
      throw UsageError(std::to_string(due) +
                       " registration(s) need a ticket: give --key FILE.secret (the ticket "
                       "signing key from `einlass-server keys generate`)");
    if (args.out.empty()) throw UsageError("give --out DIR: where the QR codes and e-mails go");
    if (from_text.empty())
      throw UsageError("give --from \"Name <address>\": the sender of the ticket e-mails");
    const core::SecretKey key = core::load_secret_key(args.key);
    if (!key_is_published(*config, key))
      throw UsageError("the key in " + args.key + " (id " + core::format_key_id(key.key_id()) +
                       ") is not published to the kiosks, so they would refuse its tickets: run "
                       "`einlass-server keys add` with its .public file first");
    IssueSettings settings;
    settings.out_dir = args.out;
    settings.from = parse_mailbox(from_text, "--from");
    if (!reply_text.empty()) settings.reply_to = parse_mailbox(reply_text, "--reply-to");
    settings.now_unix = now_unix;
    settings.threads = args.threads;
    settings.texts = texts;
    // Before any file is written: the retention purge must find every one of them.
    remember_ticket_folder(*db, settings.out_dir);
    const IssueReport issued = issue_tickets(*db, config->event, key, settings);
    if (!issued.issued.empty()) kMeta.put(*db, kWordingKey, wording);
    std::cout << "issued " << issued.issued.size() << " ticket(s) into " << args.out << "\n"
              << "  " << rooms_summary(issued, config->event) << "\n";
    for (const IssuedTicket& t : issued.issued)
      if (!t.problem.empty()) std::cout << "  R" << t.registration_id << ": " << t.problem << "\n";
    for (uint32_t id : issued.not_fully_placed)
      std::cout << "  R" << id
                << ": not every chosen topic fitted into a room; the kiosk and staff decide\n";
  }

  int exit_code = kExitOk;
  if (!args.dry_run) {
    SmtpSender sender(smtp);
    DeliveryOptions options;
    options.envelope_from = parse_mailbox(from_text, "--from").address;
    options.per_minute = args.rate;
    options.crash_after_accepted = args.crash_after_accepted;
    const DeliveryReport report = deliver_queued(*db, sender, options);
    std::cout << "sent " << report.sent << ", failed " << report.rejected.size() << ", deferred "
              << report.deferred.size() << ", uncertain " << report.uncertain.size() << "\n";
    print_rows("failed", report.rejected);
    print_rows("deferred (the server said try later; run again later)", report.deferred);
    print_rows("uncertain", report.uncertain);
    print_rows("not sent (superseded)", report.skipped);
    if (!report.stopped.empty()) {
      std::cerr << "tickets: " << report.stopped << "\n";
      exit_code = kExitFailed;
    }
    if (!report.rejected.empty() || !report.deferred.empty() || !report.uncertain.empty())
      exit_code = kExitFailed;
  } else {
    std::cout << "dry run: nothing was sent\n";
  }
  const auto uncertain = mails_in_state(*db, MailState::Uncertain);
  if (!uncertain.empty()) {
    std::cout << uncertain.size()
              << " e-mail(s) may or may not have reached the mail server (a run stopped while "
                 "sending them). Check the server's log, then run again with "
                 "--uncertain-were-sent, or with --resend-uncertain to send them again:\n";
    print_rows("uncertain", uncertain);
    exit_code = kExitFailed;
  }
  std::cout << "outbox:";
  for (const auto& [state, count] : mail_state_counts(*db))
    std::cout << " " << state << " " << count;
  std::cout << "\n";
  ::close(lock);
  return exit_code;
}

}  // namespace

CommandRunner add_tickets_command(CLI::App& app) {
  auto args = std::make_shared<TicketsArgs>();
  CLI::App* cmd = app.add_subcommand(
      "tickets",
      "issue the tickets that are due (QR PNG + e-mail per participant into --out) and send the "
      "e-mails through SMTP; resumable: run it again after any interruption");
  add_db_option(*cmd, args->db);
  cmd->add_option("--key", args->key, "the ticket signing key (FILE.secret)");
  cmd->add_option("--out", args->out, "folder for the QR PNGs and .eml files");
  cmd->add_option("--from", args->from,
                  "sender, e.g. \"Regionalkonferenzen <anmeldung@example.org>\" (remembered)");
  cmd->add_option("--reply-to", args->reply_to, "where answers go (remembered)");
  cmd->add_option("--smtp", args->smtp, "smtp://HOST:PORT (STARTTLS) or smtps://HOST:PORT");
  cmd->add_option("--starttls", args->starttls,
                  "for smtp://: required (default; refuse without TLS) or optional")
      ->capture_default_str();
  cmd->add_option("--smtp-ca", args->smtp_ca, "CA or certificate file to trust for the server");
  cmd->add_option("--smtp-credentials", args->credentials,
                  "file: user name on line 1, password on line 2 (else EINLASS_SMTP_USER and "
                  "EINLASS_SMTP_PASSWORD)");
  cmd->add_option("--rate", args->rate, "at most this many e-mails per minute")
      ->capture_default_str();
  cmd->add_flag("--dry-run", args->dry_run, "issue and write the files, send nothing");
  cmd->add_flag("--resend-uncertain", args->resend_uncertain,
                "send again the e-mails an interrupted run may or may not have sent");
  cmd->add_flag("--uncertain-were-sent", args->uncertain_were_sent,
                "record those e-mails as sent (after checking the mail server's log)");
  cmd->add_option("--now", args->now, "issue time in UTC, e.g. 2019-08-29T09:00:00Z (tests)");
  cmd->add_option("--lang-dir", args->lang_dir,
                  "folder with your own wording of the e-mail: de.json and/or en.json shaped like "
                  "the bundled ones (" +
                      bundled_lang_dir().string() +
                      "), with only the \"mail\" texts you change; the others stay as bundled");
  cmd->add_option("--threads", args->threads, "threads for rendering (default: one per core)");
  cmd->add_option("--crash-after-accepted", args->crash_after_accepted)
      ->group("");  // test hook, see DeliveryOptions
  return [args]() -> int {
    try {
      return run_tickets(*args);
    } catch (const UsageError& e) {
      std::cerr << "tickets: " << e.what() << "; nothing was changed\n";
      return kExitUsage;
    } catch (const core::TicketKeyError& e) {
      std::cerr << "tickets: " << e.what() << "; nothing was changed\n";
      return kExitUsage;
    } catch (const MailTextsError& e) {
      std::cerr << "tickets: " << e.what() << "; nothing was changed\n";
      return kExitUsage;
    } catch (const std::runtime_error& e) {
      std::cerr << "tickets: " << e.what() << "\n";
      return kExitFailed;
    } catch (const std::exception& e) {
      // A bug, not bad input: say so instead of aborting. Tickets committed so far are kept;
      // running tickets again carries on from there.
      std::cerr << "tickets: stopped by an internal error (" << e.what()
                << "); what was stored so far is kept. Run tickets again; if this repeats, "
                   "report it with this message\n";
      return kExitFailed;
    }
  };
}

}  // namespace einlass::sync::server
