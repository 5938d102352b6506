#pragma once
// The kiosk's sync engine: one background thread that pushes the outbox to the central server
// and pulls the venue's roster, other kiosks' check-ins and agenda changes into the kiosk store.
// The UI never waits on it (principle 2): it reads status() — a copy under a mutex — and is
// woken through `wake` when something new arrived that the screen may show.
//
// The engine opens its own connection to the kiosk store, so the UI keeps its own KioskStore
// and both work on the same SQLite file (WAL lets them read while the other writes).

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace einlass::sync::client {

// TLS is always verified; these only widen or narrow whom the kiosk trusts.
struct TlsOptions {
  std::string ca_file;            // PEM bundle of a private CA; "" = the system's CAs
  std::string pinned_public_key;  // curl form "sha256//<base64>[;sha256//…]"; "" = no pinning
};

struct SyncOptions {
  std::filesystem::path store_file;  // an enrolled kiosk store (see enrolment.hpp)
  // How often an idle, online kiosk asks for other kiosks' check-ins. With the push of a local
  // check-in started at once (nudge()), this bounds how late another kiosk learns of it.
  std::chrono::milliseconds poll_interval{1000};
  // After a failure: wait a random time in [0, min(cap, base * 2^failures)] ("full jitter").
  std::chrono::milliseconds backoff_base{500};
  std::chrono::milliseconds backoff_cap{30000};
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds request_timeout{30000};  // a whole request, upload to last byte
  // A transfer slower than 1 byte/s for this long is a stalled server: give up and retry.
  std::chrono::seconds stall_timeout{10};
  int batch_size = 500;  // events per push request (also capped by bytes)
  // The kiosk's clock in unix ms; empty = the system clock. Tests shift it to play a kiosk
  // whose clock is off; only clock-skew reporting uses it (cursors come from the server).
  std::function<int64_t()> now_ms;
  // Called on the sync thread whenever new remote check-ins, roster rows or agenda changes
  // were stored, and when the status changed (online/offline, revoked). Must be cheap and
  // thread-safe: the UI passes glfwPostEmptyEvent.
  std::function<void()> wake;
};

enum class Connection {
  NotEnrolled,  // the store has no server: enrol first (einlass-kiosk enroll URL CODE)
  Connecting,   // enrolled, no answer from the server yet since start()
  Online,       // the last request was answered
  Offline,      // the last request failed; retrying with backoff
  Revoked,      // the organiser revoked this kiosk: personal data was wiped, sync stopped
};

struct SyncStatus {
  Connection connection = Connection::NotEnrolled;
  bool online() const { return connection == Connection::Online; }
  bool revoked() const { return connection == Connection::Revoked; }
  std::optional<int64_t> last_success_ms;  // kiosk clock, unix ms
  int64_t events_waiting = 0;              // in the outbox, not yet acknowledged
  int64_t events_rejected = 0;             // refused by the server; kept for staff
  std::optional<int64_t> clock_skew_ms;    // server clock minus kiosk clock, once known
  int consecutive_failures = 0;
  std::string last_error;  // for staff; never contains personal data
  std::string server_url, venue, device_id;
  // Grows whenever remote data was stored: the UI re-reads what it shows when it changed.
  uint64_t remote_generation = 0;
};

class SyncEngine {
 public:
  explicit SyncEngine(SyncOptions options);
  ~SyncEngine();  // stop()
  SyncEngine(const SyncEngine&) = delete;
  SyncEngine& operator=(const SyncEngine&) = delete;

  // Starts the background thread (no-op when running). Never blocks on the network.
  void start();
  // Aborts a transfer in flight and joins the thread; returns within about a second.
  void stop();
  // A snapshot; thread-safe, never blocks on the network.
  SyncStatus status() const;
  // A local check-in was committed: push now instead of at the next poll.
  void nudge();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One complete pass on the calling thread: push the whole outbox, then pull everything new.
// For `einlass-kiosk sync --once`, scripts and tests. The status afterwards says how it went.
SyncStatus sync_once(const SyncOptions& options);

}  // namespace einlass::sync::client
