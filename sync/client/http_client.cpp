#include "sync/client/http_client.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

#include "sync/client/retry_after.hpp"
#include "sync/protocol/limits.hpp"

namespace einlass::sync::client {

namespace {

std::once_flag curl_init_once;

// Bodies are kept in memory; the cap keeps a broken or hostile server from exhausting the
// kiosk's RAM (the check runs on the decompressed bytes, so a gzip bomb ends early too).
struct BodySink {
  std::string* body;
  size_t limit;
  bool too_large = false;
};

size_t collect_body(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  const size_t bytes = size * count;
  if (sink->body->size() + bytes > sink->limit) {
    sink->too_large = true;
    return 0;  // anything but `bytes` makes curl end the transfer with CURLE_WRITE_ERROR
  }
  sink->body->append(data, bytes);
  return bytes;
}

size_t collect_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<HttpResponse*>(user);
  const std::string_view line(data, size * count);
  constexpr std::string_view name = "retry-after:";
  if (line.size() > name.size() &&
      std::equal(name.begin(), name.end(), line.begin(),
                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); }))
    response->retry_after = parse_retry_after(line.substr(name.size()));
  return size * count;
}

int check_abort(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* abort = static_cast<const std::atomic<bool>*>(user);
  return abort && abort->load() ? 1 : 0;  // non-zero aborts the transfer
}

}  // namespace

HttpClient::HttpClient(const TlsOptions& tls, const HttpTimeouts& timeouts,
                       const std::atomic<bool>* abort)
    : tls_(tls), timeouts_(timeouts), abort_(abort), max_body_bytes_(protocol::kMaxResponseBytes) {
  std::call_once(curl_init_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("cannot create a libcurl handle");
}

HttpClient::~HttpClient() {
  curl_easy_cleanup(static_cast<CURL*>(curl_));
}

HttpResponse HttpClient::get(const std::string& url, const std::string& bearer) {
  return perform(url, bearer, nullptr);
}

HttpResponse HttpClient::post_json(const std::string& url, const std::string& bearer,
                                   const std::string& body) {
  return perform(url, bearer, &body);
}

HttpResponse HttpClient::perform(const std::string& url, const std::string& bearer,
                                 const std::string* body) {
  CURL* curl = static_cast<CURL*>(curl_);
  // Reset clears per-request options but keeps the connection cache, so the next request
  // reuses the open (TLS) connection.
  curl_easy_reset(curl);
  HttpResponse response;
  char error[CURL_ERROR_SIZE] = "";

  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM on a worker thread
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts_.connect.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeouts_.total.count()));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(timeouts_.stall.count()));
  curl_easy_setopt(curl, CURLOPT_TCP_KEEPALIVE, 1L);
  // TLS verification is never switched off; a private CA or a pin only narrow the trust.
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!tls_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, tls_.ca_file.c_str());
  if (!tls_.pinned_public_key.empty())
    curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, tls_.pinned_public_key.c_str());
  // gzip only: it shrinks a roster page about tenfold on venue Wi-Fi, while brotli (which curl
  // would offer too, and cpp-httplib prefers) costs the server ~100x more CPU per page.
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "gzip");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  BodySink sink{&response.body, max_body_bytes_};
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
  curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, check_abort);
  curl_easy_setopt(curl, CURLOPT_XFERINFODATA, abort_);

  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Accept: application/json");
  const std::string auth = "Authorization: Bearer " + bearer;
  if (!bearer.empty()) headers = curl_slist_append(headers, auth.c_str());
  for (const std::string& line : extra_headers_)
    headers = curl_slist_append(headers, line.c_str());
  if (body) {
    headers = curl_slist_append(headers, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);

  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  if (rc != CURLE_OK) {
    response.transport_error = error[0] ? error : curl_easy_strerror(rc);
    if (rc == CURLE_ABORTED_BY_CALLBACK) response.transport_error = "stopped";
    if (sink.too_large) {
      // A body cut short is no answer: nothing of it may be taken for data.
      response.body.clear();
      response.body.shrink_to_fit();
      response.transport_error = "the server's answer is larger than " +
                                 std::to_string(max_body_bytes_) + " bytes; it was not read";
    }
  }
  return response;
}

}  // namespace einlass::sync::client
