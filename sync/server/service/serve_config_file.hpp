#pragma once
// The server's own config file (/etc/einlass/server.toml in the Debian package), read by
// `einlass-server serve --config FILE`: where to listen, TLS certificate and key, the database,
// whether to log requests. The event itself lives in the database (`init`), not here.

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace einlass::sync::server {

struct ServeSettings {
  std::string listen = "127.0.0.1:8443";  // HOST:PORT
  std::string database;                   // empty: $EINLASS_SERVER_DB or ./einlass-server.sqlite
  std::string tls_certificate;            // PEM chain; empty (with an empty key): plain HTTP
  std::string tls_key;                    // PEM private key
  bool insecure_http = false;             // plain HTTP on a non-loopback address
  bool request_log = true;                // one journal line per request (no personal data)
  int threads = 64;                       // kiosk connections served at once
  // Reverse proxies (nginx in front for TLS) whose X-Forwarded-For the login throttle believes,
  // in canonical form (forwarded_client.hpp); empty: the header is never believed.
  std::vector<std::string> trusted_proxies;
};

class ServeConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads and checks the file: unknown keys, wrong types and impossible values are refused with
// the file, the line and what to write instead. Relative paths are relative to the file's
// folder, so the file means the same whatever the working directory.
ServeSettings read_serve_config(const std::filesystem::path& file);

// The settings that differ between the running server and a re-read file and only take effect
// on a restart (the listening socket, TLS, the database, the worker pool), as config key names.
std::vector<std::string> settings_needing_restart(const ServeSettings& running,
                                                  const ServeSettings& reread);

}  // namespace einlass::sync::server
