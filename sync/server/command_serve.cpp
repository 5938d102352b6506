#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "sync/protocol/limits.hpp"
#include "sync/server/dashboard/dashboard_routes.hpp"
#include "sync/server/http_api.hpp"
#include "sync/server/server_commands.hpp"
#include "sync/server/service/serve_config_file.hpp"

namespace einlass::sync::server {

namespace {

// The command line as typed. Options given here win over the --config file, so a test or a
// one-off run can change one setting without editing the file.
struct ServeArgs {
  std::string config;
  ServeSettings typed;
  CLI::Option* db = nullptr;
  CLI::Option* listen = nullptr;
  CLI::Option* cert = nullptr;
  CLI::Option* key = nullptr;
  CLI::Option* insecure_http = nullptr;
  CLI::Option* threads = nullptr;
  bool allow_faults = false;
  std::string fault_plan;
};

constexpr const char* kServeFooter = R"(CONFIG FILE
  --config FILE reads a TOML file (the Debian package: /etc/einlass/server.toml):
    listen = "0.0.0.0:8443"                      HOST:PORT
    database = "/var/lib/einlass/server.sqlite"
    request_log = true                            one log line per request, no personal data
    threads = 64
    insecure_http = false                         plain HTTP off loopback (TLS proxy only)
    trusted_proxies = ["127.0.0.1"]               reverse proxies whose X-Forwarded-For names
                                                  the client for the login throttle
    [tls]
    certificate = "/etc/einlass/tls/server.crt"   PEM chain
    key = "/etc/einlass/tls/server.key"           PEM private key
  Options on the command line win over the file; relative paths are relative to the file.

SIGNALS
  SIGHUP    re-reads the --config file. request_log changes at once; listen, database,
            tls (certificate files included), threads, insecure_http and trusted_proxies
            need a restart (systemctl restart einlass-server), and the log says which
            changed. A file with an error is reported and the running settings stay.
  SIGTERM, SIGINT   finish the requests in flight, then stop.
  The event, ticket keys and agenda live in the database: `init`, `keys` and `agenda`
  change them while the server runs, without a reload.

EXIT STATUS
  0 stopped by a signal, 1 cannot listen, 2 usage or configuration error.)";

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

ServeSettings effective_settings(const ServeArgs& args, const ServeSettings& from_file) {
  ServeSettings s = from_file;
  if (args.db->count() > 0) s.database = args.typed.database;
  if (args.listen->count() > 0) s.listen = args.typed.listen;
  if (args.cert->count() > 0) s.tls_certificate = args.typed.tls_certificate;
  if (args.key->count() > 0) s.tls_key = args.typed.tls_key;
  if (args.insecure_http->count() > 0) s.insecure_http = args.typed.insecure_http;
  if (args.threads->count() > 0) s.threads = args.typed.threads;
  return s;
}

// SIGHUP: re-read the file and apply what can change live. Never stops the server: a broken
// file is logged and the running settings stay.
void reload(const std::string& config_file, ServeSettings& file_settings,
            std::atomic<bool>& request_log) {
  if (config_file.empty()) {
    spdlog::warn("SIGHUP: started without --config, nothing to re-read");
    return;
  }
  ServeSettings reread;
  try {
    reread = read_serve_config(config_file);
  } catch (const ServeConfigError& e) {
    spdlog::error("SIGHUP: {}; the running settings stay", e.what());
    return;
  }
  request_log = reread.request_log;
  spdlog::info("SIGHUP: re-read {}: request log {}", config_file,
               reread.request_log ? "on" : "off");
  for (const std::string& key : settings_needing_restart(file_settings, reread))
    spdlog::warn("SIGHUP: '{}' changed; it takes effect on a restart", key);
  file_settings = reread;
}

int run_serve(const ServeArgs& args) {
  ServeSettings file_settings;
  if (!args.config.empty()) file_settings = read_serve_config(args.config);
  const ServeSettings settings = effective_settings(args, file_settings);

  const auto colon = settings.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "serve: --listen must be HOST:PORT, e.g. 0.0.0.0:8443 (port 0 = any free port)\n";
    return kExitUsage;
  }
  std::string host = settings.listen.substr(0, colon);
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  int port = -1;
  try {
    port = std::stoi(settings.listen.substr(colon + 1));
  } catch (const std::exception&) {
  }
  if (port < 0 || port > 65535) {
    std::cerr << "serve: the port in --listen must be 0..65535\n";
    return kExitUsage;
  }
  const bool tls = !settings.tls_certificate.empty() || !settings.tls_key.empty();
  if (tls && (settings.tls_certificate.empty() || settings.tls_key.empty())) {
    std::cerr << "serve: HTTPS needs both --cert and --key\n";
    return kExitUsage;
  }
  if (!tls && !is_loopback(host) && !settings.insecure_http) {
    std::cerr << "serve: plain HTTP is only served on loopback; give --cert and --key (or [tls] "
                 "in the config file) for HTTPS, or --insecure-http behind a TLS-terminating "
                 "proxy\n";
    return kExitUsage;
  }
  if (!args.fault_plan.empty() && !args.allow_faults) {
    std::cerr << "serve: --fault-plan is for tests and needs --allow-faults\n";
    return kExitUsage;
  }

  // Block the shutdown and reload signals in every thread (the worker threads inherit the
  // mask); one thread waits for them, re-reads the config or stops the server gracefully.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  DbPool pool(server_db_path(settings.database));
  ConfigCache config;
  {
    auto db = pool.acquire();
    config.get(*db);  // refuse to start without an event (init) rather than fail requests
  }
  std::unique_ptr<FaultPlan> faults;
  if (args.allow_faults) {
    spdlog::warn("FAULT INJECTION ENABLED (--allow-faults): for tests only");
    faults = std::make_unique<FaultPlan>(args.fault_plan);
  }

  std::unique_ptr<httplib::Server> server;
  if (tls) {
    server = std::make_unique<httplib::SSLServer>(settings.tls_certificate.c_str(),
                                                  settings.tls_key.c_str());
  } else {
    server = std::make_unique<httplib::Server>();
  }
  if (!server->is_valid()) {
    std::cerr << "serve: cannot use the certificate " << settings.tls_certificate << " with key "
              << settings.tls_key
              << ": check that both files exist, are PEM, belong together and are readable "
                 "by this user\n";
    return kExitUsage;
  }
  const int threads = std::max(4, settings.threads);
  // One worker per open connection: kiosks keep theirs alive between polls.
  server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server->set_payload_max_length(protocol::kMaxRequestBytes);
  server->set_keep_alive_max_count(100000);
  server->set_keep_alive_timeout(10);
  server->set_read_timeout(15);
  server->set_write_timeout(15);
  server->set_tcp_nodelay(true);

  std::atomic<bool> stopping{false};
  std::atomic<bool> request_log{settings.request_log};
  ApiContext api{&pool, &config, faults.get(), &stopping};
  api.request_log = &request_log;
  install_api(*server, api);
  install_dashboard(*server, {&pool, &config, tls || settings.insecure_http,
                              settings.trusted_proxies});  // organisers' /dashboard

  const int bound =
      port == 0 ? server->bind_to_any_port(host) : (server->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    std::cerr << "serve: cannot listen on " << settings.listen
              << ": is another server using the port, or is the address not this machine's?\n";
    return kExitFailed;
  }
  const std::string url = std::string(tls ? "https" : "http") + "://" +
                          (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                          std::to_string(bound);
  // One JSON line on stdout, so scripts and tests learn the port (with --listen HOST:0).
  std::cout << nlohmann::json{{"listening", url}, {"port", bound}}.dump() << std::endl;
  spdlog::info("serving {} on {}", server_db_path(settings.database).string(), url);

  std::thread watcher([&] {
    for (;;) {
      int received = 0;
      sigwait(&signals, &received);
      if (received == SIGHUP) {
        reload(args.config, file_settings, request_log);
        continue;
      }
      spdlog::info("signal {}: finishing requests in flight, then stopping", received);
      stopping = true;
      server->stop();
      return;
    }
  });
  server->listen_after_bind();
  if (!stopping) {
    // listen ended by itself (should not happen): let the watcher go.
    stopping = true;
    ::kill(::getpid(), SIGTERM);
  }
  watcher.join();
  spdlog::info("stopped");
  return kExitOk;
}

}  // namespace

CommandRunner add_serve_command(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "run the HTTP(S) API kiosks sync with");
  cmd->add_option("--config", args->config,
                  "server config file (TOML; see CONFIG FILE below); re-read on SIGHUP");
  add_db_option(*cmd, args->typed.database);
  args->db = cmd->get_option("--db");
  args->listen = cmd->add_option("--listen", args->typed.listen,
                                 "HOST:PORT; port 0 picks a free port (printed)")
                     ->capture_default_str();
  args->cert = cmd->add_option("--cert", args->typed.tls_certificate,
                               "TLS certificate chain (PEM): serve HTTPS");
  args->key = cmd->add_option("--key", args->typed.tls_key, "TLS private key (PEM)");
  args->insecure_http =
      cmd->add_flag("--insecure-http", args->typed.insecure_http,
                    "allow plain HTTP on a non-loopback address (only behind a TLS proxy)");
  args->threads = cmd->add_option("--threads", args->typed.threads,
                                  "worker threads = kiosk connections served at once")
                      ->capture_default_str();
  cmd->add_flag("--allow-faults", args->allow_faults, "tests only: enable fault injection");
  cmd->add_option("--fault-plan", args->fault_plan,
                  "tests only: JSON file of faults to inject (see sync/server/fault_plan.hpp)");
  cmd->footer(kServeFooter);
  return [args]() -> int {
    try {
      return run_serve(*args);
    } catch (const ServeConfigError& e) {
      std::cerr << "serve: " << e.what() << "\n";
      return kExitUsage;
    }
  };
}

}  // namespace einlass::sync::server
