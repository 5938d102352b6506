#include "sync/server/mail/smtp_sender.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace einlass::sync::server::mail {

namespace {

struct Upload {
  std::string_view bytes;
  size_t offset = 0;
  bool reached_end = false;  // curl asked past the last byte: the whole message went out
};

size_t read_upload(char* buffer, size_t size, size_t count, void* context) {
  auto* upload = static_cast<Upload*>(context);
  const size_t n = std::min(size * count, upload->bytes.size() - upload->offset);
  std::copy_n(upload->bytes.data() + upload->offset, n, buffer);
  upload->offset += n;
  if (n == 0) upload->reached_end = true;
  return n;
}

// Keeps the server's reply lines; the one recorded is the last with the transfer's final reply
// code ("250 2.0.0 Ok: queued as …", "550 5.1.1 User unknown"), not the "221 Bye" that curl's
// QUIT draws after a refusal.
int remember_reply(CURL*, curl_infotype type, char* data, size_t size, void* context) {
  if (type != CURLINFO_HEADER_IN) return 0;
  std::string line(data, size);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.pop_back();
  if (!line.empty()) static_cast<std::vector<std::string>*>(context)->push_back(line);
  return 0;
}

std::string reply_line(const std::vector<std::string>& lines, long code) {
  const std::string prefix = std::to_string(code);
  for (auto it = lines.rbegin(); it != lines.rend(); ++it)
    if (it->starts_with(prefix)) return *it;
  return lines.empty() ? "" : lines.back();
}

bool nothing_handed_over(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_USE_SSL_FAILED:
    case CURLE_LOGIN_DENIED:
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
      return true;
    default:
      return false;
  }
}

}  // namespace

struct SmtpSender::Impl {
  SmtpSettings settings;
  CURL* curl = nullptr;
  char error[CURL_ERROR_SIZE] = {};
};

SmtpSender::SmtpSender(SmtpSettings settings) : impl_(std::make_unique<Impl>()) {
  impl_->settings = std::move(settings);
  curl_global_init(CURL_GLOBAL_DEFAULT);
  impl_->curl = curl_easy_init();
  if (!impl_->curl) throw std::runtime_error("libcurl could not start");
}

SmtpSender::~SmtpSender() {
  if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

SmtpResult SmtpSender::send(std::string_view envelope_from, std::string_view recipient,
                            std::string_view message) {
  CURL* curl = impl_->curl;
  const SmtpSettings& s = impl_->settings;
  curl_easy_reset(curl);  // keeps the open connection, drops last message's options
  Upload upload{message};
  std::vector<std::string> replies;
  const std::string from = "<" + std::string(envelope_from) + ">";
  const std::string to = "<" + std::string(recipient) + ">";
  curl_slist* recipients = curl_slist_append(nullptr, to.c_str());
  impl_->error[0] = '\0';

  curl_easy_setopt(curl, CURLOPT_URL, s.url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (s.url.starts_with("smtp://"))
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     static_cast<long>(s.require_starttls ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (!s.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, s.ca_file.c_str());
  if (!s.user.empty()) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, s.user.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, s.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, s.connect_timeout_s);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, s.timeout_s);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, impl_->error);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);  // only to see the replies; nothing is printed
  curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, remember_reply);
  curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &replies);

  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  long reply = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
  const std::string last_reply = reply_line(replies, reply);

  SmtpResult result;
  result.code = reply;
  const std::string curl_text = impl_->error[0] ? impl_->error : curl_easy_strerror(code);
  result.answer = last_reply.empty() ? curl_text : last_reply;
  if (code == CURLE_OK) {
    result.outcome = SmtpOutcome::Accepted;
  } else if (code == CURLE_LOGIN_DENIED || nothing_handed_over(code)) {
    // Before MAIL FROM: nothing of this message reached the server.
    result.outcome = SmtpOutcome::NotSent;
    result.answer = curl_text + (last_reply.empty() ? "" : " (" + last_reply + ")");
  } else if (reply >= 500 && reply < 600) {
    result.outcome = SmtpOutcome::Rejected;
  } else if (reply >= 400 && reply < 500) {
    result.outcome = SmtpOutcome::Deferred;
  } else if (!upload.reached_end) {
    // The final "." was never sent, so no server can have taken the message.
    result.outcome = SmtpOutcome::NotSent;
    result.answer = curl_text;
  } else {
    result.outcome = SmtpOutcome::Unknown;
    result.answer = curl_text;
  }
  return result;
}

}  // namespace einlass::sync::server::mail
