#include "sync/server/dashboard/dashboard_routes.hpp"

#include <spdlog/spdlog.h>

#include <memory>

#include "sync/protocol/json_reader.hpp"
#include "sync/protocol/protocol_error.hpp"
#include "sync/protocol/wire_roster.hpp"
#include "sync/server/agenda_log.hpp"
#include "sync/server/dashboard/dashboard_data.hpp"
#include "sync/server/dashboard/dashboard_export.hpp"
#include "sync/server/dashboard/dashboard_sessions.hpp"
#include "sync/server/dashboard/forwarded_client.hpp"
#include "sync/server/dashboard/organiser_accounts.hpp"
#include "sync/server/dashboard/web_assets.hpp"

namespace einlass::sync::server {

namespace {

using httplib::Request;
using httplib::Response;
using nlohmann::json;

// A handler's early end: the answer is already in the response.
struct Answered {};

// Files anyone may fetch: the login page and its stylesheet hold no data.
bool is_public_asset(std::string_view name) {
  return name == "login.html" || name == "style.css";
}

void send_json(Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

[[noreturn]] void fail(Response& res, int status, const std::string& code,
                       const std::string& reason) {
  send_json(res, status, {{"error", code}, {"reason", reason}});
  throw Answered{};
}

std::string cookie_value(const Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ')
      part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=')
      return std::string(part.substr(name.size() + 1));
    pos = end + 1;
  }
  return {};
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

class Dashboard : public std::enable_shared_from_this<Dashboard> {
 public:
  explicit Dashboard(DashboardContext ctx) : ctx_(ctx), data_(ctx.pool) {}
  void install(httplib::Server& server);

 private:
  using Handler = void (Dashboard::*)(const Request&, Response&, store::Database&);
  httplib::Server::Handler wrap(Handler handler);

  void root(const Request&, Response&, store::Database&);
  void login_page(const Request&, Response&, store::Database&);
  void login(const Request&, Response&, store::Database&);
  void page(const Request&, Response&, store::Database&);
  void asset(const Request&, Response&, store::Database&);
  void session_info(const Request&, Response&, store::Database&);
  void data(const Request&, Response&, store::Database&);
  void agenda(const Request&, Response&, store::Database&);
  void logout(const Request&, Response&, store::Database&);
  void download(const Request&, Response&, store::Database&);

  std::optional<DashboardSession> current_session(const Request& req, store::Database& db);
  DashboardSession require_session(const Request& req, Response& res, store::Database& db);
  void require_same_origin(const Request& req, Response& res);
  void require_csrf(const Request& req, Response& res, const DashboardSession& session);
  void send_login_page(Response& res, int status, const std::string& message);
  std::string session_cookie(const std::string& token, int64_t max_age_s) const;

  DashboardContext ctx_;
  DashboardData data_;
  LoginThrottle throttle_;
};

httplib::Server::Handler Dashboard::wrap(Handler handler) {
  return [self = shared_from_this(), handler](const Request& req, Response& res) {
    // Pages and data change with every poll and must not linger in shared caches; no framing
    // by other sites; scripts only from this server (no CDN, no inline code).
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("X-Content-Type-Options", "nosniff");
    // same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on form
    // posts, and the login's origin check needs the real one. Other sites still get nothing.
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; "
                   "form-action 'self'; base-uri 'none'");
    try {
      auto db = self->ctx_.pool->acquire();
      ((*self).*handler)(req, res, *db);
    } catch (const Answered&) {
    } catch (const protocol::ProtocolError& e) {
      send_json(res, 400, {{"error", "bad_request"}, {"reason", e.what()}});
    } catch (const ServerConfigError& e) {
      send_json(res, 404, {{"error", "not_found"}, {"reason", e.what()}});
    } catch (const store::StoreError& e) {
      spdlog::error("storage error on {} {}: {}", req.method, req.path, e.what());
      res.set_header("Retry-After", "2");
      send_json(res, 503, {{"error", "storage_busy"}, {"reason", "try again shortly"}});
    }
  };
}

std::string Dashboard::session_cookie(const std::string& token, int64_t max_age_s) const {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/dashboard; Max-Age=" + std::to_string(max_age_s) + "; HttpOnly; SameSite=Strict" +
         (ctx_.tls ? "; Secure" : "");
}

std::optional<DashboardSession> Dashboard::current_session(const Request& req,
                                                           store::Database& db) {
  const std::string token = cookie_value(req, kSessionCookie);
  const int64_t now = unix_now_ms();
  auto session = find_dashboard_session(db, token, now);
  if (session && session->needs_touch) {
    std::lock_guard write(ctx_.pool->write_mutex());
    touch_dashboard_session(db, token, now);
  }
  return session;
}

DashboardSession Dashboard::require_session(const Request& req, Response& res,
                                            store::Database& db) {
  auto session = current_session(req, db);
  if (!session)
    fail(res, 401, "login_required",
         "not logged in, or the session expired: log in again at /dashboard/login");
  return *session;
}

void Dashboard::require_same_origin(const Request& req, Response& res) {
  // Browsers send Origin with every POST; one from another site is refused outright. Behind a
  // proxy that rewrites Host, the name the browser used arrives as X-Forwarded-Host.
  const std::string origin = req.get_header_value("Origin");
  if (origin.empty()) return;
  std::string host = req.get_header_value("X-Forwarded-Host");
  if (const size_t comma = host.find(','); comma != std::string::npos) host.resize(comma);
  if (host.empty()) host = req.get_header_value("Host");
  if (origin != "http://" + host && origin != "https://" + host)
    fail(res, 403, "csrf_refused", "this request came from another site; it was not carried out");
}

void Dashboard::require_csrf(const Request& req, Response& res, const DashboardSession& session) {
  require_same_origin(req, res);
  std::string token = req.get_header_value(kCsrfHeader);
  if (token.empty() && req.has_param("csrf")) token = req.get_param_value("csrf");
  if (!same_secret(token, session.csrf_token))
    fail(res, 403, "csrf_refused",
         "the form's security token is missing or stale; reload the dashboard and try again");
}

void Dashboard::send_login_page(Response& res, int status, const std::string& message) {
  const auto page = find_web_asset("login.html");
  std::string html(page->bytes);
  html =
      replace_all(std::move(html), "<!--message-->",
                  message.empty() ? "" : "<p class=\"error\" role=\"alert\">" + message + "</p>");
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
}

void Dashboard::root(const Request&, Response& res, store::Database&) {
  res.status = 303;
  res.set_header("Location", "/dashboard/");
}

void Dashboard::login_page(const Request& req, Response& res, store::Database& db) {
  if (current_session(req, db)) {
    res.status = 303;
    res.set_header("Location", "/dashboard/");
    return;
  }
  send_login_page(res, 200, "");
}

void Dashboard::login(const Request& req, Response& res, store::Database& db) {
  // No session yet to hold a CSRF token, but a login forced by another site is refused too.
  require_same_origin(req, res);
  const std::string name = req.get_param_value("name");
  const std::string password = req.get_param_value("password");
  if (name.empty() || password.empty()) {
    send_login_page(res, 400,
                    "Bitte Name und Passwort eingeben. <span lang=\"en\">Please enter your name "
                    "and password.</span>");
    return;
  }
  const int64_t now = unix_now_ms();
  // The address is kept in memory only, to lock a guesser without locking the organiser out.
  // Behind a listed proxy it is the browser's, not the proxy's (forwarded_client.hpp).
  const LoginCheck check = check_organiser_login(
      db, throttle_, name, throttle_address(req, ctx_.trusted_proxies), password, now);
  if (check.verdict == LoginVerdict::Busy) {
    res.set_header("Retry-After", "1");
    send_login_page(res, 503,
                    "Gerade laufen zu viele Anmeldungen: bitte in einer Sekunde erneut "
                    "versuchen. <span lang=\"en\">Too many logins at once: try again in a "
                    "second.</span>");
    return;
  }
  if (check.verdict != LoginVerdict::Ok) {
    spdlog::warn("dashboard login refused ({})",
                 check.verdict == LoginVerdict::LockedOut ? "locked" : "wrong password");
    if (check.locked_until_ms > now) {
      const int64_t seconds = (check.locked_until_ms - now + 999) / 1000;
      res.set_header("Retry-After", std::to_string(seconds));
      send_login_page(res, 429,
                      "Zu viele falsche Versuche: bitte in " + std::to_string(seconds) +
                          " Sekunden erneut versuchen. <span lang=\"en\">Too many wrong "
                          "attempts: try again in " +
                          std::to_string(seconds) + " seconds.</span>");
      return;
    }
    send_login_page(res, 401,
                    "Name oder Passwort ist falsch. <span lang=\"en\">Wrong name or "
                    "password.</span>");
    return;
  }
  NewSession session;
  {
    std::lock_guard write(ctx_.pool->write_mutex());
    session = create_dashboard_session(db, name, now);
  }
  spdlog::info("dashboard login: {}", name);
  res.set_header("Set-Cookie", session_cookie(session.token, kSessionMaxMs / 1000));
  res.status = 303;
  res.set_header("Location", "/dashboard/");
}

void Dashboard::page(const Request& req, Response& res, store::Database& db) {
  if (!current_session(req, db)) {
    res.status = 303;
    res.set_header("Location", "/dashboard/login");
    return;
  }
  const auto html = find_web_asset("dashboard.html");
  res.set_content(std::string(html->bytes), std::string(html->content_type));
}

void Dashboard::asset(const Request& req, Response& res, store::Database& db) {
  const std::string name = req.matches[1];
  const auto file = find_web_asset(name);
  if (!file) fail(res, 404, "not_found", "no such dashboard file");
  if (!is_public_asset(name)) require_session(req, res, db);
  res.set_content(std::string(file->bytes), std::string(file->content_type));
}

void Dashboard::session_info(const Request& req, Response& res, store::Database& db) {
  const DashboardSession session = require_session(req, res, db);
  send_json(res, 200,
            {{"account", session.account},
             {"csrf_token", session.csrf_token},
             {"expires_ms",
              std::min(session.created_ms + kSessionMaxMs, unix_now_ms() + kSessionIdleMs)}});
}

void Dashboard::data(const Request& req, Response& res, store::Database& db) {
  require_session(req, res, db);
  const auto config = ctx_.config->get(db);
  std::string venue = req.get_param_value("venue");
  if (venue.empty()) {
    if (config->event.venues.empty()) fail(res, 404, "not_found", "the event has no venues");
    venue = config->event.venues.front().id;
  }
  send_json(res, 200, data_.build(db, config, venue, req.get_param_value("day"), unix_now_ms()));
}

void Dashboard::agenda(const Request& req, Response& res, store::Database& db) {
  const DashboardSession session = require_session(req, res, db);
  require_csrf(req, res, session);
  const json body = protocol::parse_json_body(req.body, "the body");
  const protocol::JsonReader r(body, "", true);
  core::AgendaChange change;
  change.venue = r.text("venue", 64);
  change.day = r.text("day", 10);
  const std::string kind = r.text("kind", 16);
  const auto config = ctx_.config->get(db);
  const core::Venue& venue = require_venue(config->event, change.venue);
  const auto day_index = core::day_index(venue, change.day);
  if (!day_index)
    fail(res, 422, "agenda_change_refused", change.day + " is not a day of venue " + venue.id);
  if (kind == "delay") {
    change.kind = core::AgendaChangeKind::Delay;
    change.minutes = static_cast<int>(r.integer("minutes", -240, 240));
    change.from = protocol::parse_hhmm(r.text("from", 5), "from");
  } else if (kind == "item") {
    // One item later (or earlier) by `minutes`, from where it now runs.
    change.kind = core::AgendaChangeKind::ChangeItem;
    const int minutes = static_cast<int>(r.integer("minutes", -240, 240));
    change.item = static_cast<int>(r.integer("item", 0, 1000));
    const core::Day now = current_day(db, *config, venue.id, change.day);
    if (static_cast<size_t>(change.item) >= now.agenda.size())
      fail(res, 422, "agenda_change_refused", "that agenda item does not exist");
    const core::AgendaItem& item = now.agenda[static_cast<size_t>(change.item)];
    change.start = core::LocalTime{item.start.minutes_since_midnight + minutes};
    change.end = core::LocalTime{item.end.minutes_since_midnight + minutes};
  } else if (kind == "reset") {
    change.kind = core::AgendaChangeKind::Reset;
  } else {
    fail(res, 400, "bad_request", "kind must be \"delay\", \"item\" or \"reset\"");
  }
  r.finish();
  try {
    std::lock_guard write(ctx_.pool->write_mutex());
    const core::AgendaChange stored = add_agenda_change(db, *config, change, unix_now_ms());
    spdlog::info("agenda change {} by dashboard account {}", stored.id, session.account);
    send_json(res, 200, {{"change", agenda_change_json(stored, venue.days[*day_index])}});
  } catch (const AgendaChangeError& e) {
    fail(res, 422, "agenda_change_refused", e.what());
  }
}

void Dashboard::logout(const Request& req, Response& res, store::Database& db) {
  const DashboardSession session = require_session(req, res, db);
  require_csrf(req, res, session);
  {
    std::lock_guard write(ctx_.pool->write_mutex());
    end_dashboard_session(db, cookie_value(req, kSessionCookie));
  }
  res.set_header("Set-Cookie", session_cookie("", 0));
  send_json(res, 200, {{"ok", true}, {"next", "/dashboard/login"}});
}

void Dashboard::download(const Request& req, Response& res, store::Database& db) {
  const DashboardSession session = require_session(req, res, db);
  require_csrf(req, res, session);
  const auto config = ctx_.config->get(db);
  const DashboardDownload file =
      export_for_dashboard(db, ctx_.pool->write_mutex(), *config, req.get_param_value("format"),
                           req.get_param_value("venue"), session.account);
  if (!file.error.empty()) fail(res, 422, "export_refused", file.error);
  res.set_header("Content-Disposition", "attachment; filename=\"" + file.file_name + "\"");
  res.set_content(file.bytes, file.content_type);
}

void Dashboard::install(httplib::Server& server) {
  server.Get("/", wrap(&Dashboard::root));
  server.Get("/dashboard", wrap(&Dashboard::root));
  server.Get("/dashboard/", wrap(&Dashboard::page));
  server.Get("/dashboard/login", wrap(&Dashboard::login_page));
  server.Post("/dashboard/login", wrap(&Dashboard::login));
  server.Get(R"(/dashboard/assets/([A-Za-z0-9_.-]+))", wrap(&Dashboard::asset));
  server.Get("/dashboard/api/session", wrap(&Dashboard::session_info));
  server.Get("/dashboard/api/data", wrap(&Dashboard::data));
  server.Post("/dashboard/api/agenda", wrap(&Dashboard::agenda));
  server.Post("/dashboard/api/export", wrap(&Dashboard::download));
  server.Post("/dashboard/logout", wrap(&Dashboard::logout));
}

}  // namespace

void install_dashboard(httplib::Server& server, DashboardContext context) {
  std::make_shared<Dashboard>(context)->install(server);
}

}  // namespace einlass::sync::server
