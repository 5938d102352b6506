#include "sync/server/service/serve_config_file.hpp"

#include <fstream>
#include <sstream>

#include <toml.hpp>

#include "kiosk/core/event_config.hpp"
// The event config's key-by-key TOML reader: unknown keys with "did you mean", value types in
// words an organiser knows, file and line in every message. Reused here rather than copied.
#include "kiosk/core/event_config_toml.hpp"
#include "sync/server/dashboard/forwarded_client.hpp"

namespace einlass::sync::server {

namespace fs = std::filesystem;

namespace {

std::string resolved(const fs::path& config_file, const std::string& path) {
  if (path.empty() || fs::path(path).is_absolute()) return path;
  return (config_file.parent_path() / path).lexically_normal().string();
}

// toml11's message is "[error] toml::parse_xyz: what\n --> file\n | excerpt": one journal line
// with file and line says the same.
std::string first_line_of(const std::string& message) {
  std::string line = message.substr(0, message.find('\n'));
  if (line.rfind("[error] ", 0) == 0) line.erase(0, 8);
  if (line.rfind("toml::", 0) == 0 && line.find(": ") != std::string::npos)
    line.erase(0, line.find(": ") + 2);
  return line;
}

}  // namespace

ServeSettings read_serve_config(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw ServeConfigError("cannot read the server config " + file.string() +
                           ": check the path given with --config (the Debian package installs "
                           "/etc/einlass/server.toml)");
  }
  std::ostringstream text;
  text << in.rdbuf();
  using core::config_detail::ConfigTable;
  const core::config_detail::Reporter reporter(file.string());
  ServeSettings settings;
  try {
    std::istringstream stream(text.str());
    const toml::value root = toml::parse(stream, file.string());
    const ConfigTable top(
        root, "the server config",
        {"listen", "database", "request_log", "threads", "insecure_http", "trusted_proxies", "tls"},
        reporter);
    settings.listen = top.text_or("listen", settings.listen);
    if (settings.listen.rfind(':') == std::string::npos)
      top.fail("listen", "'listen' must be HOST:PORT, e.g. \"0.0.0.0:8443\"");
    settings.database = resolved(file, top.text_or("database", ""));
    settings.request_log = top.boolean_or("request_log", settings.request_log);
    settings.threads = top.integer_or("threads", settings.threads, 4, 1024);
    settings.insecure_http = top.boolean_or("insecure_http", settings.insecure_http);
    for (const std::string& proxy : top.text_list("trusted_proxies")) {
      const auto address = canonical_ip(proxy);
      if (!address)
        top.fail("trusted_proxies",
                 "'trusted_proxies' lists \"" + proxy +
                     "\", which is not an IP address; write the proxy's address as this server "
                     "sees it, e.g. [\"127.0.0.1\"] (host names and ranges are not accepted)");
      settings.trusted_proxies.push_back(*address);
    }
    if (const toml::value* tls = top.find("tls")) {
      if (!tls->is_table()) top.fail("tls", "'tls' must be a table: write [tls] on its own line");
      const ConfigTable t(*tls, "[tls]", {"certificate", "key"}, reporter);
      settings.tls_certificate = resolved(file, t.text_or("certificate", ""));
      settings.tls_key = resolved(file, t.text_or("key", ""));
      if (settings.tls_certificate.empty() != settings.tls_key.empty())
        t.fail("[tls] needs both 'certificate' and 'key' (PEM files), or neither for plain HTTP");
    }
  } catch (const core::EventConfigError& e) {
    throw ServeConfigError(e.what());
  } catch (const toml::exception& e) {
    throw ServeConfigError(file.string() + ":" + std::to_string(e.location().line()) +
                           ": TOML syntax error: " + first_line_of(e.what()));
  }
  return settings;
}

std::vector<std::string> settings_needing_restart(const ServeSettings& running,
                                                  const ServeSettings& reread) {
  std::vector<std::string> changed;
  if (running.listen != reread.listen) changed.emplace_back("listen");
  if (running.database != reread.database) changed.emplace_back("database");
  if (running.tls_certificate != reread.tls_certificate) changed.emplace_back("tls.certificate");
  if (running.tls_key != reread.tls_key) changed.emplace_back("tls.key");
  if (running.insecure_http != reread.insecure_http) changed.emplace_back("insecure_http");
  if (running.threads != reread.threads) changed.emplace_back("threads");
  if (running.trusted_proxies != reread.trusted_proxies) changed.emplace_back("trusted_proxies");
  return changed;
}

}  // namespace einlass::sync::server
