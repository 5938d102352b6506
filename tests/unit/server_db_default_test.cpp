// Where the server's commands find the database without --db: on the organiser's server
// (Debian package) `sudo -u einlass einlass-server import ...` must use the service's database
// from /etc/einlass/server.toml, not create an empty ./einlass-server.sqlite.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "sync/server/server_commands.hpp"
#include "sync/server/service/serve_config_file.hpp"

namespace fs = std::filesystem;
using einlass::sync::server::ServeConfigError;
using einlass::sync::server::server_db_path;

namespace {

class ServerDbDefault : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* env = std::getenv("EINLASS_SERVER_DB")) saved_env_ = env;
    ::unsetenv("EINLASS_SERVER_DB");
    dir_ = fs::temp_directory_path() /
           ("einlass-db-default-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (saved_env_)
      ::setenv("EINLASS_SERVER_DB", saved_env_->c_str(), 1);
    else
      ::unsetenv("EINLASS_SERVER_DB");
    fs::remove_all(dir_);
  }
  fs::path write_config(const std::string& text) {
    const fs::path file = dir_ / "server.toml";
    std::ofstream(file) << text;
    return file;
  }

  fs::path dir_;
  std::optional<std::string> saved_env_;
};

TEST_F(ServerDbDefault, UsesTheDatabaseOfTheSystemConfigWhenNothingElseIsGiven) {
  const auto config = write_config("database = \"/var/lib/einlass/server.sqlite\"\n");
  EXPECT_EQ(server_db_path("", config), fs::path("/var/lib/einlass/server.sqlite"));
}

TEST_F(ServerDbDefault, DbOptionAndEnvironmentWinOverTheSystemConfig) {
  const auto config = write_config("database = \"/var/lib/einlass/server.sqlite\"\n");
  EXPECT_EQ(server_db_path("mine.sqlite", config), fs::path("mine.sqlite"));
  ::setenv("EINLASS_SERVER_DB", "/tmp/from-env.sqlite", 1);
  EXPECT_EQ(server_db_path("", config), fs::path("/tmp/from-env.sqlite"));
  EXPECT_EQ(server_db_path("mine.sqlite", config), fs::path("mine.sqlite"));
}

TEST_F(ServerDbDefault, WithoutSystemConfigItIsTheFileInTheWorkingDirectory) {
  EXPECT_EQ(server_db_path("", dir_ / "missing.toml"), fs::path("einlass-server.sqlite"));
  // A config without a database line says nothing about it either.
  EXPECT_EQ(server_db_path("", write_config("request_log = false\n")),
            fs::path("einlass-server.sqlite"));
}

TEST_F(ServerDbDefault, ABrokenSystemConfigIsRefusedWithItsLineNotIgnored) {
  // Falling back to ./einlass-server.sqlite would write the organiser's import into a
  // database the service never reads.
  const auto config = write_config("database = 42\n");
  try {
    server_db_path("", config);
    FAIL() << "a broken " << config << " was ignored";
  } catch (const ServeConfigError& e) {
    EXPECT_NE(std::string(e.what()).find(config.string() + ":1"), std::string::npos) << e.what();
  }
}

}  // namespace
