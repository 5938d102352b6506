// The server as the systemd service runs it: `serve --config FILE`, a reload with SIGHUP, and
// `migrate`, which the Debian package runs on upgrade. Real einlass-server processes.

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include <httplib.h>

#include "kiosk/store/sqlite_db.hpp"
#include "tests/integration/sync_server_process.hpp"

namespace einlass::testing {
namespace {

// The journal of the server (its stderr) comes to contain `text` (the limit only matters when
// the test fails; CI runs under ASan on a loaded machine).
bool log_shows(const fs::path& err, const std::string& text) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    if (read_file(err).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

int health_status(const std::string& url) {
  httplib::Client client(url);
  const auto answer = client.Get("/api/v1/health");
  return answer ? answer->status : -1;
}

class ServeConfig : public ::testing::Test {
 protected:
  fs::path config() const { return world_.dir() / "server.toml"; }
  fs::path server_log() const { return world_.dir() / "server.err"; }
  void start_with(const std::string& toml) {
    write_file_atomically(config(), toml);
    world_.server().set_extra_args({"--config", config().string()});
    world_.server().start();
  }
  SyncServerWorld world_;
};

TEST_F(ServeConfig, AReloadTurnsTheRequestLogOnAndNamesWhatNeedsARestart) {
  start_with("request_log = false\nthreads = 8\n");
  ASSERT_EQ(health_status(world_.server().url()), 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(read_file(server_log()).find("GET /api/v1/health"), std::string::npos)
      << "request_log = false, yet requests are logged";

  write_file_atomically(config(), "request_log = true\nthreads = 16\n");
  ::kill(world_.server().pid(), SIGHUP);
  ASSERT_TRUE(log_shows(server_log(), "request log on"));
  EXPECT_TRUE(log_shows(server_log(), "'threads' changed; it takes effect on a restart"));
  ASSERT_EQ(health_status(world_.server().url()), 200) << "the reload stopped the server";
  EXPECT_TRUE(log_shows(server_log(), "GET /api/v1/health 200"));
  EXPECT_EQ(world_.server().stop(), 0);
}

TEST_F(ServeConfig, ABrokenFileOnReloadKeepsTheRunningSettings) {
  start_with("request_log = false\n");
  write_file_atomically(config(), "request_log = maybe\n");
  ::kill(world_.server().pid(), SIGHUP);
  ASSERT_TRUE(log_shows(server_log(), "the running settings stay"));
  EXPECT_TRUE(log_shows(server_log(), "server.toml:1")) << read_file(server_log());
  ASSERT_EQ(health_status(world_.server().url()), 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(read_file(server_log()).find("GET /api/v1/health"), std::string::npos)
      << "the broken file's request log setting was applied";
}

TEST_F(ServeConfig, ABadFileStopsTheStartWithWhereAndWhat) {
  write_file(config(), "listen = \"127.0.0.1:0\"\ndatabse = \"x.sqlite\"\n");
  const ProgramRun run =
      run_program({EINLASS_SERVER_BINARY, "serve", "--config", config().string()}, world_.dir());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("server.toml:2"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("did you mean 'database'"), std::string::npos) << run.err;
  EXPECT_EQ(run.out.find("listening"), std::string::npos);
}

TEST_F(ServeConfig, TheDatabaseAndTlsComeFromTheFile) {
  // No --db on the command line: the file names the database; HTTPS with its certificate.
  const fs::path dir = world_.dir();
  ASSERT_EQ(run_program({"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                         "-subj", "/CN=localhost", "-keyout", (dir / "tls.key").string(), "-out",
                         (dir / "tls.crt").string()},
                        dir)
                .exit_code,
            0);
  write_file(config(),
             "listen = \"127.0.0.1:0\"\ndatabase = \"server.sqlite\"\n[tls]\n"
             "certificate = \"tls.crt\"\nkey = \"tls.key\"\n");
  const fs::path out = dir / "serve.out";
  const pid_t pid = spawn({EINLASS_SERVER_BINARY, "serve", "--config", config().string()},
                          {"", out, dir / "serve.err"});
  std::string text;
  for (int i = 0; i < 500 && text.find("listening") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    text = read_file(out);
  }
  ::kill(pid, SIGTERM);
  EXPECT_EQ(wait_for_exit(pid), 0);
  EXPECT_NE(text.find("\"listening\":\"https://127.0.0.1:"), std::string::npos)
      << text << read_file(dir / "serve.err");
  EXPECT_NE(read_file(dir / "serve.err").find(world_.db().string()), std::string::npos)
      << "the server did not open the database the file names";
}

class Migrate : public ::testing::Test {
 protected:
  ProgramRun migrate(std::vector<std::string> args) {
    args.insert(args.begin(), {EINLASS_SERVER_BINARY, "migrate"});
    return run_program(args, dir_);
  }
  SyncServerWorld world_;  // for its folder, removed afterwards; its own database is not used
  const fs::path dir_ = world_.dir();
};

TEST_F(Migrate, ADatabaseOfTheFirstReleaseIsUpgradedWithItsData) {
  const fs::path db = dir_ / "first-release.sqlite";
  {
    store::Database old(db);
    old.exec(
        read_file(fs::path(EINLASS_TEST_DATA) / "../../packaging/tests/fixtures/server-0.1.0.sql"));
    ASSERT_EQ(old.query_int("PRAGMA user_version"), 1);
  }
  const ProgramRun first = migrate({"--db", db.string()});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("schema version 1 -> "), std::string::npos) << first.out;
  {
    const store::Database upgraded(db);
    EXPECT_GT(upgraded.query_int("PRAGMA user_version"), 1);
    EXPECT_EQ(upgraded.query_int("SELECT count(*) FROM registrations"), 3);
  }
  const ProgramRun attendance =
      run_program({EINLASS_SERVER_BINARY, "attendance", "--db", db.string()}, dir_);
  EXPECT_NE(attendance.out.find("magdeburg 2019-09-12: 2 checked in"), std::string::npos)
      << attendance.out << attendance.err;
  const ProgramRun again = migrate({"--db", db.string()});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("up to date"), std::string::npos) << again.out;
}

TEST_F(Migrate, AMissingDatabaseIsNotCreated) {
  const fs::path db = dir_ / "typo.sqlite";
  const ProgramRun run = migrate({"--db", db.string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("no database at"), std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(db));
  // The package's postinst on a server installed but never set up: nothing to do, no error.
  const ProgramRun lenient = migrate({"--db", db.string(), "--if-exists"});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_FALSE(fs::exists(db));
}

}  // namespace
}  // namespace einlass::testing
