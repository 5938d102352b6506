#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "sync/protocol/limits.hpp"
#include "sync/server/http_api.hpp"
#include "sync/server/server_commands.hpp"

namespace einlass::sync::server {

namespace {

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8443";
  std::string cert, key;
  bool insecure_http = false;
  int threads = 64;
  bool allow_faults = false;
  std::string fault_plan;
};

bool is_loopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1";
}

int run_serve(const ServeArgs& args) {
  const auto colon = args.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "serve: --listen must be HOST:PORT, e.g. 0.0.0.0:8443 (port 0 = any free port)\n";
    return kExitUsage;
  }
  std::string host = args.listen.substr(0, colon);
  if (host.starts_with('[') && host.ends_with(']')) host = host.substr(1, host.size() - 2);
  int port = -1;
  try {
    port = std::stoi(args.listen.substr(colon + 1));
  } catch (const std::exception&) {
  }
  if (port < 0 || port > 65535) {
    std::cerr << "serve: the port in --listen must be 0..65535\n";
    return kExitUsage;
  }
  const bool tls = !args.cert.empty() || !args.key.empty();
  if (tls && (args.cert.empty() || args.key.empty())) {
    std::cerr << "serve: HTTPS needs both --cert and --key\n";
    return kExitUsage;
  }
  if (!tls && !is_loopback(host) && !args.insecure_http) {
    std::cerr << "serve: plain HTTP is only served on loopback; give --cert and --key for "
                 "HTTPS, or --insecure-http behind a TLS-terminating proxy\n";
    return kExitUsage;
  }
  if (!args.fault_plan.empty() && !args.allow_faults) {
    std::cerr << "serve: --fault-plan is for tests and needs --allow-faults\n";
    return kExitUsage;
  }

  // Block the shutdown signals in every thread (the worker threads inherit the mask); one
  // thread waits for them and stops the server gracefully.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  DbPool pool(server_db_path(args.db));
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
    server = std::make_unique<httplib::SSLServer>(args.cert.c_str(), args.key.c_str());
  } else {
    server = std::make_unique<httplib::Server>();
  }
  if (!server->is_valid()) {
    std::cerr << "serve: cannot use the certificate " << args.cert << " with key " << args.key
              << "\n";
    return kExitUsage;
  }
  const int threads = std::max(4, args.threads);
  // One worker per open connection: kiosks keep theirs alive between polls.
  server->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server->set_payload_max_length(protocol::kMaxRequestBytes);
  server->set_keep_alive_max_count(100000);
  server->set_keep_alive_timeout(10);
  server->set_read_timeout(15);
  server->set_write_timeout(15);
  server->set_tcp_nodelay(true);

  std::atomic<bool> stopping{false};
  install_api(*server, {&pool, &config, faults.get(), &stopping});

  const int bound =
      port == 0 ? server->bind_to_any_port(host) : (server->bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    std::cerr << "serve: cannot listen on " << args.listen << "\n";
    return kExitFailed;
  }
  const std::string url = std::string(tls ? "https" : "http") + "://" +
                          (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
                          std::to_string(bound);
  // One JSON line on stdout, so scripts and tests learn the port (with --listen HOST:0).
  std::cout << nlohmann::json{{"listening", url}, {"port", bound}}.dump() << std::endl;
  spdlog::info("serving {} on {}", server_db_path(args.db).string(), url);

  std::thread watcher([&] {
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("signal {}: finishing requests in flight, then stopping", received);
    stopping = true;
    server->stop();
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
  add_db_option(*cmd, args->db);
  cmd->add_option("--listen", args->listen, "HOST:PORT; port 0 picks a free port (printed)")
      ->capture_default_str();
  cmd->add_option("--cert", args->cert, "TLS certificate chain (PEM): serve HTTPS");
  cmd->add_option("--key", args->key, "TLS private key (PEM)");
  cmd->add_flag("--insecure-http", args->insecure_http,
                "allow plain HTTP on a non-loopback address (only behind a TLS proxy)");
  cmd->add_option("--threads", args->threads, "worker threads = kiosk connections served at once")
      ->capture_default_str();
  cmd->add_flag("--allow-faults", args->allow_faults, "tests only: enable fault injection");
  cmd->add_option("--fault-plan", args->fault_plan,
                  "tests only: JSON file of faults to inject (see sync/server/fault_plan.hpp)");
  return [args]() -> int { return run_serve(*args); };
}

}  // namespace einlass::sync::server
