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

// Behind nginx the login throttle believes X-Forwarded-For only from the proxies listed here.
TEST_F(ServeConfigFile, TrustedProxiesAreReadAsAddresses) {
  EXPECT_TRUE(read_serve_config(write("threads = 8\n")).trusted_proxies.empty())
      << "by default no proxy is trusted";
  const ServeSettings s = read_serve_config(
      write("listen = \"127.0.0.1:8443\"\ntrusted_proxies = [\"127.0.0.1\", \" ::1 \", "
            "\"::ffff:10.0.0.2\", \"2001:DB8:0:0::1\"]\n"));
  // One spelling per address: the server compares them with the connection's address.
  EXPECT_EQ(s.trusted_proxies,
            (std::vector<std::string>{"127.0.0.1", "::1", "10.0.0.2", "2001:db8::1"}));
}

TEST_F(ServeConfigFile, AProxyThatIsNotAnAddressIsRefusedWithItsLine) {
  const std::string name = refusal("threads = 8\ntrusted_proxies = [\"127.0.0.1\", \"nginx\"]\n");
  EXPECT_NE(name.find("server.toml:2"), std::string::npos) << name;
  EXPECT_NE(name.find("\"nginx\", which is not an IP address"), std::string::npos) << name;
  EXPECT_NE(name.find("e.g. [\"127.0.0.1\"]"), std::string::npos) << name;
  const std::string range = refusal("trusted_proxies = [\"10.0.0.0/8\"]\n");
  EXPECT_NE(range.find("server.toml:1"), std::string::npos) << range;
  EXPECT_NE(range.find("ranges are not accepted"), std::string::npos) << range;
  const std::string text = refusal("trusted_proxies = \"127.0.0.1\"\n");
  EXPECT_NE(text.find("server.toml:1"), std::string::npos) << text;
  EXPECT_NE(text.find("a list of texts"), std::string::npos) << text;
  const std::string typo = refusal("trustedproxies = [\"127.0.0.1\"]\n");
  EXPECT_NE(typo.find("did you mean 'trusted_proxies'"), std::string::npos) << typo;
}

TEST_F(ServeConfigFile, ChangedTrustedProxiesNeedARestart) {
  ServeSettings running;
  ServeSettings reread = running;
  reread.trusted_proxies = {"127.0.0.1"};
  EXPECT_EQ(settings_needing_restart(running, reread),
            (std::vector<std::string>{"trusted_proxies"}));
}
