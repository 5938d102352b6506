#pragma once
// One reusable libcurl handle for the sync engine's thread: keep-alive connections, bounded
// timeouts, TLS always verified, no signals (curl runs on a worker thread). Not thread-safe:
// each thread that talks to the server has its own HttpClient.

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "sync/client/sync_engine.hpp"

namespace einlass::sync::client {

struct HttpTimeouts {
  std::chrono::milliseconds connect{5000};
  std::chrono::milliseconds total{30000};
  std::chrono::seconds stall{10};
};

struct HttpResponse {
  long status = 0;  // 0 when no HTTP answer arrived
  std::string body;
  std::string transport_error;  // curl's reason when status == 0 or the body broke off
  std::optional<std::chrono::seconds> retry_after;  // from a Retry-After header (seconds form)
  bool ok() const { return transport_error.empty() && status >= 200 && status < 300; }
};

class HttpClient {
 public:
  // `abort` may be set from another thread to end a transfer in flight within ~0.1 s.
  HttpClient(const TlsOptions& tls, const HttpTimeouts& timeouts,
             const std::atomic<bool>* abort = nullptr);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Answers with a longer body end with a transport error (protocol::kMaxResponseBytes unless
  // set here, e.g. by a test).
  void set_max_body_bytes(size_t bytes) { max_body_bytes_ = bytes; }
  // Header lines ("Name: value") sent with every request from now on, replacing earlier ones.
  void set_extra_headers(std::vector<std::string> lines) { extra_headers_ = std::move(lines); }

  // `bearer` empty = no Authorization header. `body` empty with GET.
  HttpResponse get(const std::string& url, const std::string& bearer);
  HttpResponse post_json(const std::string& url, const std::string& bearer,
                         const std::string& body);

 private:
  HttpResponse perform(const std::string& url, const std::string& bearer, const std::string* body);

  void* curl_;  // CURL*, kept opaque so users do not include curl.h
  TlsOptions tls_;
  HttpTimeouts timeouts_;
  const std::atomic<bool>* abort_;
  size_t max_body_bytes_;
  std::vector<std::string> extra_headers_;
};

}  // namespace einlass::sync::client
