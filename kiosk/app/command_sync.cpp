#include <csignal>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>

#include "kiosk/app/commands.hpp"
#include "sync/client/sync_engine.hpp"
#include "sync/client/sync_status_json.hpp"

namespace einlass::app {

namespace {

struct SyncArgs {
  std::string store;
  bool once = false;
  int poll_ms = 1000;
  int timeout_ms = 30000;
};

sync::client::SyncOptions options_from(const SyncArgs& args) {
  sync::client::SyncOptions o;
  o.store_file = args.store.empty() ? default_store_file() : std::filesystem::path(args.store);
  o.poll_interval = std::chrono::milliseconds(args.poll_ms);
  o.request_timeout = std::chrono::milliseconds(args.timeout_ms);
  return o;
}

int run_once(const SyncArgs& args) {
  const sync::client::SyncStatus status = sync::client::sync_once(options_from(args));
  std::cout << sync::client::status_to_json(status).dump() << std::endl;
  if (status.connection == sync::client::Connection::NotEnrolled) {
    std::cerr << "sync: this kiosk is not enrolled; run: einlass-kiosk enroll URL CODE\n";
    return kExitUsage;
  }
  return status.online() && status.events_waiting == 0 ? kExitOk : kExitRefused;
}

// Runs the engine in the foreground until SIGINT or SIGTERM, printing the status as one JSON
// line whenever it changes: a headless kiosk, or a staff script watching sync health.
int run_forever(const SyncArgs& args) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  // Blocked before the engine's thread starts, so it inherits the mask and sigwait below is
  // the only place the signals arrive.
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::mutex print;
  sync::client::SyncOptions options = options_from(args);
  sync::client::SyncEngine* engine_ptr = nullptr;
  std::string last_line;
  options.wake = [&] {
    if (!engine_ptr) return;
    const std::string line = sync::client::status_to_json(engine_ptr->status()).dump();
    std::lock_guard lock(print);
    if (line != last_line) std::cout << line << std::endl;
    last_line = line;
  };
  sync::client::SyncEngine engine(options);
  engine_ptr = &engine;
  engine.start();
  int received = 0;
  sigwait(&signals, &received);
  engine.stop();
  return kExitOk;
}

}  // namespace

CommandRunner add_sync_command(CLI::App& app) {
  auto args = std::make_shared<SyncArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sync",
      "sync with the central server: push waiting check-ins, pull the roster, other kiosks' "
      "check-ins and agenda changes; prints the sync status as JSON");
  cmd->add_option(
      "--store", args->store,
      "kiosk store file; default: $EINLASS_STORE or ~/.local/share/einlass/kiosk.sqlite");
  cmd->add_flag("--once", args->once,
                "one pass, then exit: 0 when everything was sent, 1 when the server could not "
                "be reached or check-ins are still waiting, 2 when not enrolled");
  cmd->add_option("--poll-ms", args->poll_ms, "without --once: how often to ask for news")
      ->capture_default_str();
  cmd->add_option("--timeout-ms", args->timeout_ms, "longest time for one request")
      ->capture_default_str();
  return [args]() -> int { return args->once ? run_once(*args) : run_forever(*args); };
}

}  // namespace einlass::app
