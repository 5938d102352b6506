#pragma once
// The organiser's dashboard under /dashboard on the same server the kiosks sync with: login
// page, the one-page dashboard (embedded web assets), its JSON data endpoint the page polls,
// agenda control, exports and logout. Everything but the login page and its stylesheet needs a
// logged-in session (cookie); every POST but the login needs the session's CSRF token.

#include <httplib.h>

#include <string>
#include <vector>

#include "sync/server/http_api.hpp"

namespace einlass::sync::server {

inline constexpr const char* kSessionCookie = "einlass_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

struct DashboardContext {
  DbPool* pool = nullptr;
  ConfigCache* config = nullptr;
  bool tls = false;  // HTTPS here or at a TLS proxy (--insecure-http): cookies get Secure
  // server.toml `trusted_proxies`: whose X-Forwarded-For the login throttle believes.
  std::vector<std::string> trusted_proxies;
};

void install_dashboard(httplib::Server& server, DashboardContext context);

}  // namespace einlass::sync::server
