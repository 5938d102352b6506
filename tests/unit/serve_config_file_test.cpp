// The server's config file (/etc/einlass/server.toml): what the service reads at start and on
// every reload. A mistake in it must say where and what to write, never start a half-read server.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sync/server/service/serve_config_file.hpp"

namespace fs = std::filesystem;
using einlass::sync::server::read_serve_config;
using einlass::sync::server::ServeConfigError;
using einlass::sync::server::ServeSettings;
using einlass::sync::server::settings_needing_restart;

namespace {

class ServeConfigFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("einlass-serve-config-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "etc");
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& text) {
    const fs::path file = dir_ / "etc" / "server.toml";
    std::ofstream(file) << text;
    return file;
  }
  // The message of the ServeConfigError reading `text` throws (fails the test if none).
  std::string refusal(const std::string& text) {
    try {
      read_serve_config(write(text));
    } catch (const ServeConfigError& e) {
      return e.what();
    }
    ADD_FAILURE() << "accepted:\n" << text;
    return {};
  }

  fs::path dir_;
};

}  // namespace

TEST_F(ServeConfigFile, ReadsEveryKeyOfThePackagedFile) {
  const ServeSettings s = read_serve_config(write(R"(listen = "0.0.0.0:8443"
database = "/var/lib/einlass/server.sqlite"
request_log = false
threads = 32
insecure_http = false
[tls]
certificate = "/etc/einlass/tls/server.crt"
key = "/etc/einlass/tls/server.key"
)"));
  EXPECT_EQ(s.listen, "0.0.0.0:8443");
  EXPECT_EQ(s.database, "/var/lib/einlass/server.sqlite");
  EXPECT_FALSE(s.request_log);
  EXPECT_EQ(s.threads, 32);
  EXPECT_EQ(s.tls_certificate, "/etc/einlass/tls/server.crt");
  EXPECT_EQ(s.tls_key, "/etc/einlass/tls/server.key");
}

TEST_F(ServeConfigFile, TheFileInstalledByThePackageIsValid) {
  const ServeSettings s =
      read_serve_config(fs::path(EINLASS_TEST_DATA) / "../../packaging/server/server.toml");
  EXPECT_EQ(s.database, "/var/lib/einlass/server.sqlite");
  EXPECT_EQ(s.listen, "0.0.0.0:8443");
  EXPECT_FALSE(s.tls_certificate.empty());  // the service serves HTTPS, not plain HTTP
  EXPECT_TRUE(s.request_log);
}

TEST_F(ServeConfigFile, AnEmptyFileMeansTheDefaults) {
  const ServeSettings s = read_serve_config(write("# nothing set\n"));
  const ServeSettings defaults;
  EXPECT_EQ(s.listen, defaults.listen);
  EXPECT_TRUE(s.database.empty());
  EXPECT_TRUE(s.tls_certificate.empty());
  EXPECT_TRUE(s.request_log);
}

TEST_F(ServeConfigFile, RelativePathsAreRelativeToTheFile) {
  const ServeSettings s = read_serve_config(write(R"(database = "data/server.sqlite"
[tls]
certificate = "tls/server.crt"
key = "../keys/server.key"
)"));
  EXPECT_EQ(s.database, (dir_ / "etc/data/server.sqlite").string());
  EXPECT_EQ(s.tls_certificate, (dir_ / "etc/tls/server.crt").string());
  EXPECT_EQ(s.tls_key, (dir_ / "keys/server.key").string());
}

TEST_F(ServeConfigFile, ATypoIsNamedWithItsLineAndTheKeyMeant) {
  const std::string message = refusal("listen = \"0.0.0.0:8443\"\nrequest_logs = true\n");
  EXPECT_NE(message.find("server.toml:2"), std::string::npos) << message;
  EXPECT_NE(message.find("request_logs"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean 'request_log'"), std::string::npos) << message;
}

TEST_F(ServeConfigFile, WrongValuesAreRefusedWithWhatToWrite) {
  EXPECT_NE(refusal("request_log = \"yes\"\n").find("true or false"), std::string::npos);
  EXPECT_NE(refusal("threads = 2\n").find("between 4 and 1024"), std::string::npos);
  EXPECT_NE(refusal("listen = \"8443\"\n").find("HOST:PORT"), std::string::npos);
  EXPECT_NE(refusal("[tls]\ncertificate = \"a.crt\"\n").find("both 'certificate' and 'key'"),
            std::string::npos);
  EXPECT_NE(refusal("[tls]\ncertificate = \"a.crt\"\nkye = \"a.key\"\n").find("did you mean 'key'"),
            std::string::npos);
  const std::string syntax = refusal("threads = 8\nlisten = \"0.0.0.0:8443\n");
  EXPECT_NE(syntax.find("server.toml:2: TOML syntax error"), std::string::npos) << syntax;
  EXPECT_EQ(syntax.find('\n'), std::string::npos) << "one line, for the journal: " << syntax;
}

TEST_F(ServeConfigFile, AMissingFileSaysWhichPathWasTried) {
  try {
    read_serve_config(dir_ / "nowhere.toml");
    FAIL() << "a missing file was accepted";
  } catch (const ServeConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("nowhere.toml"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("--config"), std::string::npos) << e.what();
  }
}

TEST_F(ServeConfigFile, AReloadNamesTheSettingsThatNeedARestart) {
  ServeSettings running;
  ServeSettings reread = running;
  reread.request_log = !running.request_log;  // changes live
  EXPECT_TRUE(settings_needing_restart(running, reread).empty());
  reread.listen = "0.0.0.0:9443";
  reread.tls_key = "/etc/einlass/tls/new.key";
  EXPECT_EQ(settings_needing_restart(running, reread),
            (std::vector<std::string>{"listen", "tls.key"}));
}
