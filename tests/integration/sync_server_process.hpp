#pragma once
// A real einlass-server for sync tests and the sync benchmark: a fresh database for the bundled
// event with a ticket key and an organiser token, the server process on 127.0.0.1 (port chosen
// by the server, kept across restarts), and helpers to enrol kiosks and read what the server
// holds through its organiser API. No GoogleTest here, so the benchmark can use it too.

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/app/kiosk_setup.hpp"
#include "kiosk/core/checkin_event.hpp"
#include "sync/client/enrolment.hpp"
#include "sync/client/http_client.hpp"
#include "sync/protocol/messages.hpp"
#include "tests/support/child_process.hpp"

namespace einlass::testing {

// Written aside and renamed, so a server that watches the file never reads half of it.
inline void write_file_atomically(const fs::path& file, const std::string& text) {
  const fs::path temp = file.string() + ".tmp";
  write_file(temp, text);
  fs::rename(temp, file);
}

// Runs a program to its end in `dir`, with `input` on stdin.
inline ProgramRun run_program(const std::vector<std::string>& words, const fs::path& dir,
                              const std::string& input = "") {
  const fs::path in = dir / "prog.in";
  write_file(in, input);
  return run_to_end(words, {in, dir / "prog.out", dir / "prog.err"});
}

class ServerProcess {
 public:
  ServerProcess(fs::path dir, fs::path db) : dir_(std::move(dir)), db_(std::move(db)) {}
  ~ServerProcess() { kill_hard(); }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // Fault injection for the next start: the plan file is read again whenever it changes.
  void use_fault_plan(const fs::path& plan) { fault_plan_ = plan; }
  // More `serve` options for the next start (e.g. --cert/--key).
  void set_extra_args(std::vector<std::string> args) { extra_args_ = std::move(args); }

  // Starts the server (on the port it had before, after a restart) and waits for its address.
  void start() {
    std::vector<std::string> words{
        EINLASS_SERVER_BINARY, "serve",    "--db",
        db_.string(),          "--listen", "127.0.0.1:" + std::to_string(port_)};
    words.insert(words.end(), extra_args_.begin(), extra_args_.end());
    if (!fault_plan_.empty()) {
      words.push_back("--allow-faults");
      words.push_back("--fault-plan");
      words.push_back(fault_plan_.string());
    }
    const fs::path out = dir_ / "server.out";
    write_file(dir_ / "server.in", "");
    // The port may still be held by the previous process for a moment after a kill.
    for (int attempt = 0; attempt < 50; ++attempt) {
      pid_ = spawn(words, {dir_ / "server.in", out, dir_ / "server.err", /*append_err=*/true});
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (std::chrono::steady_clock::now() < deadline) {
        const std::string text = read_file(out);
        if (text.find('\n') != std::string::npos) {
          const auto line = nlohmann::json::parse(text.substr(0, text.find('\n')));
          port_ = line.at("port").get<int>();
          url_ = line.at("listening").get<std::string>();
          return;
        }
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      if (pid_ > 0)
        throw std::runtime_error("einlass-server did not start: " + read_file(dir_ / "server.err"));
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("einlass-server keeps failing to start: " +
                             read_file(dir_ / "server.err"));
  }

  // kill -9: no goodbye, like a power cut of the server machine.
  void kill_hard() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  // SIGTERM and wait; the exit code.
  int stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    return wait_for_exit(std::exchange(pid_, -1));
  }

  // True once the process ended by itself (a fault plan's "exit"); reaps it.
  bool has_exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
    pid_ = -1;
    return true;
  }

  bool running() const { return pid_ > 0; }
  const std::string& url() const { return url_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }  // for signals (SIGHUP: reload the config)

 private:
  fs::path dir_, db_, fault_plan_;
  std::vector<std::string> extra_args_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::string url_;
};

// A server database for the bundled event, its process, and kiosks enrolled with it.
class SyncServerWorld {
 public:
  static constexpr const char* kDay = "2019-09-12";  // Magdeburg's day in the bundled event

  SyncServerWorld() : dir_(make_temp_dir()), server_(dir_, dir_ / "server.sqlite") {
    server_cli({"init", "--event", app::default_event_file().string()});
    server_cli({"keys", "generate", "--dir", dir_.string(), "--name", "tickets"});
    organiser_token_ = server_cli({"organiser-token", "tests"}).out;
    while (!organiser_token_.empty() && organiser_token_.back() == '\n')
      organiser_token_.pop_back();
  }
  ~SyncServerWorld() {
    server_.kill_hard();
    if (!keep_) {
      std::error_code ignored;
      fs::remove_all(dir_, ignored);
    }
  }
  SyncServerWorld(const SyncServerWorld&) = delete;
  SyncServerWorld& operator=(const SyncServerWorld&) = delete;

  const fs::path& dir() const { return dir_; }
  fs::path db() const { return dir_ / "server.sqlite"; }
  fs::path secret_key() const { return dir_ / "tickets.secret"; }
  ServerProcess& server() { return server_; }
  const std::string& organiser_token() const { return organiser_token_; }
  void keep_files() { keep_ = true; }

  // einlass-server COMMAND --db … ; throws when it fails.
  ProgramRun server_cli(std::vector<std::string> args, const std::string& input = "") {
    std::vector<std::string> words{EINLASS_SERVER_BINARY};
    words.push_back(args.at(0));
    words.push_back("--db");
    words.push_back(db().string());
    words.insert(words.end(), args.begin() + 1, args.end());
    ProgramRun run = run_program(words, dir_, input);
    if (run.exit_code != 0)
      throw std::runtime_error("einlass-server " + args[0] + " failed: " + run.err);
    return run;
  }

  std::string enrolment_code(const std::string& venue) {
    const auto run = server_cli({"enrol", "--venue", venue, "--json"});
    return nlohmann::json::parse(run.out).at("code").get<std::string>();
  }

  // A fresh kiosk store enrolled for `venue`; returns its path.
  fs::path enrol_kiosk(const std::string& name, const std::string& venue = "magdeburg") {
    const fs::path store = dir_ / (name + ".sqlite");
    sync::client::enrol(server_.url(), enrolment_code(venue), store, {}, name);
    return store;
  }

  // A request to the running server with the organiser's token (or `bearer`).
  sync::client::HttpResponse get(const std::string& path, const std::string& bearer = "") {
    sync::client::HttpClient http({}, {});
    return http.get(server_.url() + path, bearer.empty() ? organiser_token_ : bearer);
  }
  sync::client::HttpResponse post(const std::string& path, const std::string& body,
                                  const std::string& bearer) {
    sync::client::HttpClient http({}, {});
    return http.post_json(server_.url() + path, bearer, body);
  }

  // Every event the server holds, through the organiser API (paged).
  std::vector<core::CheckinEvent> server_events() {
    std::vector<core::CheckinEvent> out;
    int64_t since = 0;
    for (;;) {
      const auto response = get("/api/v1/admin/events?since=" + std::to_string(since));
      if (!response.ok()) throw std::runtime_error("admin/events: " + response.body);
      const auto page = sync::protocol::events_page_from_json(nlohmann::json::parse(response.body));
      out.insert(out.end(), page.events.begin(), page.events.end());
      since = page.cursor;
      if (!page.more) return out;
    }
  }

  nlohmann::json attendance() {
    const auto response = get("/api/v1/admin/attendance");
    if (!response.ok()) throw std::runtime_error("admin/attendance: " + response.body);
    return nlohmann::json::parse(response.body);
  }

 private:
  static fs::path make_temp_dir() {
    std::string pattern = (fs::temp_directory_path() / "einlass-sync-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    return pattern;
  }

  fs::path dir_;
  ServerProcess server_;
  std::string organiser_token_;
  bool keep_ = false;
};

}  // namespace einlass::testing
