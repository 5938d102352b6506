#include "sync/client/sync_engine.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "kiosk/store/sync_state.hpp"
#include "sync/client/backoff.hpp"
#include "sync/client/sync_session.hpp"

namespace einlass::sync::client {

namespace {

using Result = PassOutcome::Result;

// While not enrolled or revoked, how often to look whether staff enrolled the kiosk.
constexpr std::chrono::milliseconds kIdleRecheck{2000};

// Applies one pass's outcome to the status; returns whether the UI should redraw.
bool record(SyncStatus& status, const PassOutcome& outcome, SyncSession& session) {
  const SyncStatus before = status;
  switch (outcome.result) {
    case Result::Ok:
      status.connection = Connection::Online;
      status.consecutive_failures = 0;
      status.last_success_ms = session.now_ms();
      status.last_error.clear();
      break;
    case Result::Failed:
      status.connection = Connection::Offline;
      ++status.consecutive_failures;
      status.last_error = outcome.error;
      break;
    case Result::Revoked:
      status.connection = Connection::Revoked;
      if (!outcome.error.empty()) status.last_error = outcome.error;
      break;
    case Result::NotEnrolled:
      status.connection = Connection::NotEnrolled;
      break;
  }
  if (outcome.clock_skew_ms) status.clock_skew_ms = outcome.clock_skew_ms;
  if (outcome.new_remote_data) ++status.remote_generation;
  const store::KioskStore& store = session.store();
  status.events_waiting = store.db().query_int("SELECT COUNT(*) FROM outbox WHERE rejected = 0");
  status.events_rejected = store.db().query_int("SELECT COUNT(*) FROM outbox WHERE rejected = 1");
  status.device_id = store.device_id();
  if (const auto enrolment = store::load_enrolment(store)) {
    status.server_url = enrolment->server_url;
    status.venue = enrolment->venue;
  }
  return outcome.new_remote_data || status.connection != before.connection ||
         status.events_waiting != before.events_waiting ||
         status.events_rejected != before.events_rejected;
}

}  // namespace

struct SyncEngine::Impl {
  explicit Impl(SyncOptions o) : options(std::move(o)) {}

  void run();
  void wait_for(std::chrono::milliseconds delay, bool nudge_ends_wait);

  SyncOptions options;
  mutable std::mutex mutex;  // guards status, nudged
  std::condition_variable wakeup;
  SyncStatus status;
  bool nudged = false;
  std::atomic<bool> stopping{false};
  std::thread thread;
};

void SyncEngine::Impl::wait_for(std::chrono::milliseconds delay, bool nudge_ends_wait) {
  std::unique_lock lock(mutex);
  wakeup.wait_for(lock, delay, [&] { return stopping.load() || (nudge_ends_wait && nudged); });
  nudged = false;
}

void SyncEngine::Impl::run() {
  std::unique_ptr<SyncSession> session;
  Backoff backoff(options.backoff_base, options.backoff_cap);
  while (!stopping) {
    PassOutcome outcome;
    try {
      if (!session) session = std::make_unique<SyncSession>(options, &stopping);
      outcome = session->run_pass();
    } catch (const std::exception& e) {
      // The store could not be opened or written (disk full, locked for too long): try again
      // later with a fresh connection; check-ins go on in the UI's own connection.
      outcome.result = Result::Failed;
      outcome.error = std::string("kiosk store: ") + e.what();
      session.reset();
    }
    if (stopping) break;
    // Only this thread writes the status: build the next one without the lock (it queries
    // the store), then swap it in, so status() never waits for a query.
    SyncStatus next;
    {
      std::lock_guard lock(mutex);
      next = status;
    }
    bool redraw = true;
    if (session) {
      redraw = record(next, outcome, *session);
    } else {
      next.connection = Connection::Offline;
      next.last_error = outcome.error;
      ++next.consecutive_failures;
    }
    const int failures = next.consecutive_failures;
    {
      std::lock_guard lock(mutex);
      status = std::move(next);
    }
    if (redraw && options.wake) options.wake();

    switch (outcome.result) {
      case Result::Ok:
        wait_for(options.poll_interval, true);
        break;
      case Result::Failed: {
        const auto at_least = std::chrono::duration_cast<std::chrono::milliseconds>(
            outcome.retry_after.value_or(std::chrono::seconds{0}));
        wait_for(backoff.next(failures, at_least), false);
        break;
      }
      case Result::Revoked:
      case Result::NotEnrolled:
        wait_for(kIdleRecheck, true);
        break;
    }
  }
}

SyncEngine::SyncEngine(SyncOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

SyncEngine::~SyncEngine() {
  stop();
}

void SyncEngine::start() {
  if (impl_->thread.joinable()) return;
  impl_->stopping = false;
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->status.connection != Connection::Revoked)
      impl_->status.connection = Connection::Connecting;
  }
  impl_->thread = std::thread([this] { impl_->run(); });
}

void SyncEngine::stop() {
  if (!impl_->thread.joinable()) return;
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wakeup.notify_all();
  impl_->thread.join();
}

SyncStatus SyncEngine::status() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->status;
}

void SyncEngine::nudge() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->nudged = true;
  }
  impl_->wakeup.notify_all();
}

SyncStatus sync_once(const SyncOptions& options) {
  SyncSession session(options, nullptr);
  const PassOutcome outcome = session.run_pass();
  SyncStatus status;
  record(status, outcome, session);
  return status;
}

}  // namespace einlass::sync::client
