#pragma once
// Sending one finished message through an SMTP server with libcurl: smtp:// with STARTTLS
// (required or optional), or smtps:// (TLS from the start), optionally with a user name and
// password. One curl handle for the whole run, so the connection (and its TLS session) is
// reused from message to message.

#include <memory>
#include <string>
#include <string_view>

namespace einlass::sync::server::mail {

struct SmtpSettings {
  std::string url;               // smtp://host:port or smtps://host:port
  bool require_starttls = true;  // smtp:// only: refuse to send when the server offers no TLS
  std::string ca_file;           // trust this CA (or self-signed certificate) too; "" = system
  std::string user, password;    // both empty = no authentication
  long connect_timeout_s = 15;
  long timeout_s = 60;
};

enum class SmtpOutcome {
  Accepted,  // the server took the message (2xx after DATA)
  Rejected,  // a permanent 5xx for this message (e.g. unknown recipient): do not retry
  Deferred,  // a temporary 4xx for this message: retry later
  NotSent,   // nothing was handed over (connection, TLS, login): the whole run stops
  Unknown,   // the connection broke after the whole message was handed over
};

struct SmtpResult {
  SmtpOutcome outcome = SmtpOutcome::NotSent;
  long code = 0;       // the server's last reply code, 0 when none
  std::string answer;  // the server's last reply line, or curl's description of the failure
};

class SmtpSender {
 public:
  explicit SmtpSender(SmtpSettings settings);
  ~SmtpSender();
  SmtpSender(const SmtpSender&) = delete;
  SmtpSender& operator=(const SmtpSender&) = delete;

  SmtpResult send(std::string_view envelope_from, std::string_view recipient,
                  std::string_view message);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace einlass::sync::server::mail
