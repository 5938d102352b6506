#pragma once
// One sync pass against the server, on the calling thread: push the outbox in batches, then
// pull other kiosks' events, roster changes, agenda changes and config as far as the server's
// heads say there is something new. The engine runs passes in a loop; `sync --once` runs one.

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "kiosk/core/event_model.hpp"
#include "kiosk/store/kiosk_store.hpp"
#include "sync/client/http_client.hpp"
#include "sync/client/sync_engine.hpp"

namespace einlass::sync::client {

struct PassOutcome {
  enum class Result { Ok, Failed, Revoked, NotEnrolled };
  Result result = Result::Ok;
  std::string error;  // for staff and logs; no personal data
  std::optional<std::chrono::seconds> retry_after;
  bool new_remote_data = false;
  std::optional<int64_t> clock_skew_ms;
  int64_t events_sent = 0;  // acknowledged by the server in this pass
};

class SyncSession {
 public:
  SyncSession(const SyncOptions& options, const std::atomic<bool>* abort);

  PassOutcome run_pass();
  store::KioskStore& store() { return store_; }
  int64_t now_ms() const;

 private:
  // Sends a request and sorts the answer into: parsed JSON, or an outcome that ends the pass.
  std::optional<PassOutcome> call(const std::string& path, const std::string* body,
                                  nlohmann::json& json);
  std::optional<PassOutcome> push_outbox(PassOutcome& outcome);
  std::optional<PassOutcome> pull_events(PassOutcome& outcome);
  std::optional<PassOutcome> pull_roster(PassOutcome& outcome);
  std::optional<PassOutcome> pull_agenda(PassOutcome& outcome);
  std::optional<PassOutcome> pull_config(PassOutcome& outcome);
  void note_envelope(const nlohmann::json& json, int64_t sent_ms, int64_t received_ms);
  // After the retention period, once the outbox is empty: the kiosk wipes its personal data.
  std::optional<PassOutcome> wipe_if_retention_over();

  SyncOptions options_;
  store::KioskStore store_;
  const std::atomic<bool>* abort_;
  std::unique_ptr<HttpClient> http_;  // made once the enrolment's TLS options are known
  TlsOptions tls_;
  std::string base_url_, token_;
  std::string venue_;
  // From the latest answer.
  std::optional<int64_t> skew_ms_;
  int64_t head_roster_ = -1, head_agenda_ = -1, head_config_ = -1;
  // The enrolled event config, parsed once per config version (for the retention check).
  std::optional<std::pair<int64_t, core::Event>> event_;
};

}  // namespace einlass::sync::client
