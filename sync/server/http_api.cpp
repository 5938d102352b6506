#include "sync/server/http_api.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <set>
#include <thread>
#include <unordered_map>

#include "sync/protocol/json_reader.hpp"
#include "sync/protocol/limits.hpp"
#include "sync/protocol/messages.hpp"
#include "sync/protocol/protocol_error.hpp"
#include "sync/protocol/wire_roster.hpp"
#include "sync/server/agenda_log.hpp"
#include "sync/server/attendance.hpp"
#include "sync/server/credentials.hpp"
#include "sync/server/dashboard/device_status.hpp"
#include "sync/server/event_log.hpp"
#include "sync/server/feed_heads.hpp"
#include "sync/server/registrations.hpp"

namespace einlass::sync::server {

namespace {

using httplib::Request;
using httplib::Response;
using nlohmann::json;

// For the request log, set while a request is handled on this worker thread.
thread_local std::chrono::steady_clock::time_point request_start;
thread_local std::string request_device;

// A handler's early end: the answer is already in the response.
struct Answered {};

void send_json(Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json");
}

// Errors carry the server's time too: a kiosk measures its clock skew from every answer.
json error_json(std::string code, std::string reason) {
  json j = protocol::to_json(protocol::ErrorAnswer{std::move(code), std::move(reason)});
  j["server_time_ms"] = unix_now_ms();
  return j;
}

[[noreturn]] void fail(Response& res, int status, std::string code, std::string reason) {
  send_json(res, status, error_json(std::move(code), std::move(reason)));
  throw Answered{};
}

std::string bearer_token(const Request& req) {
  const std::string header = req.get_header_value("Authorization");
  constexpr std::string_view prefix = "Bearer ";
  return header.starts_with(prefix) ? header.substr(prefix.size()) : std::string();
}

// httplib does not read a GET's body; refuse it (oversized like any other body) and close the
// connection, so the unread bytes are not taken for the next request.
void refuse_body_on_get(const Request& req, Response& res) {
  if (req.method != "GET") return;
  uint64_t length = 0;
  try {
    length = std::stoull(req.get_header_value("Content-Length", 0));
  } catch (const std::exception&) {
    length = 0;  // absent or not a number: httplib refuses the latter itself
  }
  if (length == 0) return;
  res.set_header("Connection", "close");
  if (length > protocol::kMaxRequestBytes)
    fail(res, 413, "payload_too_large",
         "the body is larger than " + std::to_string(protocol::kMaxRequestBytes) + " bytes");
  fail(res, 400, "bad_request", "a GET request carries no body");
}

json parse_body(const Request& req, Response& res) {
  const std::string type = req.get_header_value("Content-Type");
  if (type.find("application/json") == std::string::npos)
    fail(res, 415, "unsupported_media_type", "send the body as Content-Type: application/json");
  try {
    return protocol::parse_json_body(req.body, "the body");
  } catch (const protocol::ProtocolError& e) {
    fail(res, 400, "bad_request", e.what());
  }
}

// Query parameters: only the named ones, as whole numbers within bounds.
struct QueryRule {
  const char* name;
  int64_t min, max, fallback;
};
std::unordered_map<std::string, int64_t> read_query(const Request& req, Response& res,
                                                    std::initializer_list<QueryRule> rules) {
  std::unordered_map<std::string, int64_t> out;
  for (const auto& [key, value] : req.params) {
    bool known = false;
    for (const QueryRule& rule : rules)
      known = known || key == rule.name;
    if (!known) fail(res, 400, "bad_request", "unknown query parameter \"" + key + "\"");
  }
  for (const QueryRule& rule : rules) {
    out[rule.name] = rule.fallback;
    if (!req.has_param(rule.name)) continue;
    const std::string text = req.get_param_value(rule.name);
    int64_t value = 0;
    size_t used = 0;
    try {
      value = std::stoll(text, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (text.empty() || used != text.size() || value < rule.min || value > rule.max)
      fail(res, 400, "bad_request",
           std::string(rule.name) + " must be a whole number from " + std::to_string(rule.min) +
               " to " + std::to_string(rule.max));
    out[rule.name] = value;
  }
  return out;
}

class Api : public std::enable_shared_from_this<Api> {
 public:
  explicit Api(ApiContext context) : ctx_(context) {}

  void install(httplib::Server& server);

 private:
  using Handler = void (Api::*)(const Request&, Response&, store::Database&);
  httplib::Server::Handler wrap(Handler handler);

  void health(const Request&, Response&, store::Database&);
  void enrol(const Request&, Response&, store::Database&);
  void push_events(const Request&, Response&, store::Database&);
  void pull_events(const Request&, Response&, store::Database&);
  void pull_roster(const Request&, Response&, store::Database&);
  void pull_agenda(const Request&, Response&, store::Database&);
  void pull_config(const Request&, Response&, store::Database&);
  void admin_attendance(const Request&, Response&, store::Database&);
  void admin_events(const Request&, Response&, store::Database&);
  void admin_devices(const Request&, Response&, store::Database&);
  void admin_agenda(const Request&, Response&, store::Database&);

  Device require_device(const Request& req, Response& res, store::Database& db);
  void require_organiser(const Request& req, Response& res, store::Database& db);
  // A kiosk's answers carry its venue's heads.
  protocol::Envelope envelope(const store::Database& db, const std::string& venue);
  // Organisers read every venue: their answers carry the heads over all venues.
  protocol::Envelope organiser_envelope(const store::Database& db);
  // Applies a fault of the plan, if one matches; returns true when it answered the request.
  bool inject(const Request& req, Response& res, FaultWhen when);
  void sleep_unless_stopping(int ms);

  ApiContext ctx_;
  std::mutex seen_mutex_;
  std::unordered_map<std::string, int64_t> last_touch_;  // device -> when last_seen was written
  DeviceReportThrottle report_throttle_;                 // outbox + clock for the dashboard
};

void Api::sleep_unless_stopping(int ms) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  while (std::chrono::steady_clock::now() < until && !(ctx_.stopping && *ctx_.stopping))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
}

bool Api::inject(const Request& req, Response& res, FaultWhen when) {
  if (!ctx_.faults) return false;
  const auto fault = ctx_.faults->take(req.method, req.path, when);
  if (!fault) return false;
  spdlog::warn("fault injected: {} {}", req.method, req.path);
  switch (fault->action) {
    case FaultAction::Status:
      if (fault->retry_after >= 0)
        res.set_header("Retry-After", std::to_string(fault->retry_after));
      send_json(res, fault->status, error_json("injected_fault", "fault injected by test"));
      return true;
    case FaultAction::Garbage:
      res.status = 200;
      res.set_content("{\"results\": [oops <html>", "application/json");
      return true;
    case FaultAction::Drop:
      // Headers go out, then the provider refuses to write: the client sees the connection
      // close in the middle of the answer.
      res.status = 200;
      res.body.clear();
      res.set_chunked_content_provider("application/json",
                                       [](size_t, httplib::DataSink&) { return false; });
      return true;
    case FaultAction::Stall:
      sleep_unless_stopping(fault->stall_ms);
      return false;
    case FaultAction::Exit:
      std::_Exit(70);  // no cleanup, no answer: like a crash or kill -9
  }
  return false;
}

httplib::Server::Handler Api::wrap(Handler handler) {
  // The handlers keep the Api alive as long as the server holds them.
  return [self = shared_from_this(), handler](const Request& req, Response& res) {
    Api& api = *self;
    try {
      refuse_body_on_get(req, res);
      if (api.inject(req, res, FaultWhen::Before)) return;
      auto db = api.ctx_.pool->acquire();
      (api.*handler)(req, res, *db);
      if (res.status < 400) api.inject(req, res, FaultWhen::After);
    } catch (const Answered&) {
    } catch (const protocol::ProtocolError& e) {
      send_json(res, 400, error_json("bad_request", e.what()));
    } catch (const ServerConfigError& e) {
      send_json(res, 503, error_json("not_configured", e.what()));
    } catch (const store::StoreError& e) {
      spdlog::error("storage error on {} {}: {}", req.method, req.path, e.what());
      res.set_header("Retry-After", "2");
      send_json(res, 503, error_json("storage_busy", "try again shortly"));
    }
  };
}

Device Api::require_device(const Request& req, Response& res, store::Database& db) {
  const std::string token = bearer_token(req);
  if (token.empty())
    fail(res, 401, "unauthorized", "send the kiosk's token as Authorization: Bearer <token>");
  if (token.size() > 128) fail(res, 401, "unauthorized", "this token is not known");
  const DeviceAuth auth = authenticate_device(db, token);
  if (auth.result == AuthResult::Unknown)
    fail(res, 401, "unauthorized", "this token is not known; enrol the kiosk again");
  request_device = auth.device.device_id;
  if (auth.result == AuthResult::Revoked)
    fail(res, 401, "device_revoked", "the organiser revoked this kiosk");
  // last_seen is for the organiser's device list: once a minute is precise enough and keeps
  // the writes off every poll.
  const int64_t now = unix_now_ms();
  bool touch = false;
  {
    std::lock_guard lock(seen_mutex_);
    int64_t& last = last_touch_[auth.device.device_id];
    if (now - last > 60'000) {
      last = now;
      touch = true;
    }
  }
  const auto report = read_device_report(req.get_header_value(protocol::kOutboxHeader),
                                         req.get_header_value(protocol::kClockHeader), now);
  const bool write_report =
      report && report_throttle_.should_write(auth.device.device_id, *report, now);
  if (touch || write_report) {
    std::lock_guard write(ctx_.pool->write_mutex());
    if (touch) touch_device(db, auth.device.device_id, now);
    // The report only feeds the dashboard: failing to store it must not fail the kiosk's sync.
    if (write_report) {
      try {
        store_device_report(db, auth.device.device_id, *report, now);
      } catch (const std::exception& e) {
        spdlog::warn("could not store the sync report of {}: {}", auth.device.device_id, e.what());
      }
    }
  }
  return auth.device;
}

void Api::require_organiser(const Request& req, Response& res, store::Database& db) {
  const std::string token = bearer_token(req);
  if (token.empty() || token.size() > 128 || !authenticate_organiser(db, token))
    fail(res, 401, "unauthorized", "send a valid organiser token as Authorization: Bearer <token>");
  request_device = "organiser";
}

protocol::Envelope Api::envelope(const store::Database& db, const std::string& venue) {
  return {unix_now_ms(), venue_heads(db, venue)};
}

protocol::Envelope Api::organiser_envelope(const store::Database& db) {
  return {unix_now_ms(), all_venue_heads(db)};
}

void Api::health(const Request& req, Response& res, store::Database&) {
  read_query(req, res, {});
  send_json(res, 200, {{"ok", true}, {"server_time_ms", unix_now_ms()}});
}

void Api::enrol(const Request& req, Response& res, store::Database& db) {
  const protocol::EnrolRequest request = protocol::enrol_request_from_json(parse_body(req, res));
  const auto config = ctx_.config->get(db);
  EnrolOutcome outcome;
  {
    std::lock_guard write(ctx_.pool->write_mutex());
    outcome = redeem_enrolment_code(db, request.code, request.device_id, request.label);
  }
  if (outcome.failure == EnrolFailure::DeviceActive)
    fail(res, 409, "device_already_enrolled", outcome.reason);
  if (outcome.failure != EnrolFailure::None) fail(res, 403, "enrolment_refused", outcome.reason);
  request_device = request.device_id;
  spdlog::info("device {} enrolled for venue {}", request.device_id, outcome.venue);
  protocol::EnrolAnswer answer;
  answer.device_id = request.device_id;
  answer.token = outcome.token;
  answer.config = {outcome.venue, config->event_toml, config->version, config->public_keys};
  answer.server_time_ms = unix_now_ms();
  json body = protocol::to_json(answer);
  body.update(protocol::to_json(envelope(db, outcome.venue)));
  send_json(res, 200, body);
}

void Api::push_events(const Request& req, Response& res, store::Database& db) {
  read_query(req, res, {});
  const Device device = require_device(req, res, db);
  const json body = parse_body(req, res);
  const json& events = protocol::push_request_events(body);
  const auto config = ctx_.config->get(db);
  protocol::PushAnswer answer;
  {
    std::lock_guard write(ctx_.pool->write_mutex());
    answer.results = ingest_events(db, events, device, *config, unix_now_ms(), [&] {
      Response ignored;
      inject(req, ignored, FaultWhen::During);
    });
  }
  answer.envelope = envelope(db, device.venue);
  send_json(res, 200, protocol::to_json(answer));
}

void Api::pull_events(const Request& req, Response& res, store::Database& db) {
  const auto q = read_query(req, res,
                            {{"since", 0, INT64_MAX, 0},
                             {"limit", 1, protocol::kMaxPageSize, protocol::kDefaultPageSize}});
  const Device device = require_device(req, res, db);
  protocol::EventsPage page = events_page(db, device.venue, device.device_id, q.at("since"),
                                          static_cast<int>(q.at("limit")));
  page.envelope = envelope(db, device.venue);
  send_json(res, 200, protocol::to_json(page));
}

void Api::pull_roster(const Request& req, Response& res, store::Database& db) {
  const auto q = read_query(req, res,
                            {{"since", 0, INT64_MAX, 0},
                             {"limit", 1, protocol::kMaxPageSize, protocol::kDefaultPageSize}});
  const Device device = require_device(req, res, db);
  protocol::RosterPage page =
      roster_page(db, device.venue, q.at("since"), static_cast<int>(q.at("limit")));
  page.envelope = envelope(db, device.venue);
  send_json(res, 200, protocol::to_json(page));
}

void Api::pull_agenda(const Request& req, Response& res, store::Database& db) {
  const auto q = read_query(req, res, {{"since", 0, INT64_MAX, 0}});
  const Device device = require_device(req, res, db);
  protocol::AgendaPage page = agenda_page(db, device.venue, q.at("since"));
  page.envelope = envelope(db, device.venue);
  send_json(res, 200, protocol::to_json(page));
}

void Api::pull_config(const Request& req, Response& res, store::Database& db) {
  read_query(req, res, {});
  const Device device = require_device(req, res, db);
  const auto config = ctx_.config->get(db);
  protocol::ConfigAnswer answer;
  answer.config = {device.venue, config->event_toml, config->version, config->public_keys};
  answer.envelope = envelope(db, device.venue);
  send_json(res, 200, protocol::to_json(answer));
}

void Api::admin_attendance(const Request& req, Response& res, store::Database& db) {
  read_query(req, res, {});
  require_organiser(req, res, db);
  json body = attendance_to_json(attendance(db));
  body.update(protocol::to_json(organiser_envelope(db)));
  send_json(res, 200, body);
}

void Api::admin_events(const Request& req, Response& res, store::Database& db) {
  const auto q = read_query(req, res,
                            {{"since", 0, INT64_MAX, 0},
                             {"limit", 1, protocol::kMaxPageSize, protocol::kDefaultPageSize}});
  require_organiser(req, res, db);
  protocol::EventsPage page =
      events_page(db, "", "", q.at("since"), static_cast<int>(q.at("limit")));
  page.envelope = organiser_envelope(db);
  send_json(res, 200, protocol::to_json(page));
}

void Api::admin_devices(const Request& req, Response& res, store::Database& db) {
  read_query(req, res, {});
  require_organiser(req, res, db);
  json list = json::array();
  for (const Device& d : list_devices(db))
    list.push_back({{"device_id", d.device_id},
                    {"venue", d.venue},
                    {"label", d.label},
                    {"enrolled_ms", d.enrolled_ms},
                    {"last_seen_ms", d.last_seen_ms ? json(*d.last_seen_ms) : json(nullptr)},
                    {"revoked_ms", d.revoked_ms ? json(*d.revoked_ms) : json(nullptr)}});
  json body = protocol::to_json(organiser_envelope(db));
  body["devices"] = std::move(list);
  send_json(res, 200, body);
}

void Api::admin_agenda(const Request& req, Response& res, store::Database& db) {
  read_query(req, res, {});
  require_organiser(req, res, db);
  const json body = parse_body(req, res);
  // The same shape kiosks receive, without the id the server assigns.
  json with_id = body;
  if (with_id.is_object()) {
    if (with_id.contains("id")) fail(res, 400, "bad_request", "id is assigned by the server");
    with_id["id"] = 1;
  }
  const core::AgendaChange change = protocol::agenda_change_from_json(with_id, "");
  const protocol::JsonReader strict(body, "", true);
  for (const char* key :
       {"kind", "venue", "day", "from", "minutes", "item", "start", "end", "title", "created_ms"})
    strict.has(key);
  strict.finish();
  const auto config = ctx_.config->get(db);
  try {
    std::lock_guard write(ctx_.pool->write_mutex());
    const core::AgendaChange stored = add_agenda_change(db, *config, change, unix_now_ms());
    json answer = protocol::to_json(organiser_envelope(db));
    answer["change"] = protocol::agenda_change_to_json(stored);
    send_json(res, 200, answer);
  } catch (const AgendaChangeError& e) {
    fail(res, 422, "agenda_change_refused", e.what());
  }
}

void Api::install(httplib::Server& server) {
  server.Get("/api/v1/health", wrap(&Api::health));
  server.Post("/api/v1/enrol", wrap(&Api::enrol));
  server.Post("/api/v1/events", wrap(&Api::push_events));
  server.Get("/api/v1/events", wrap(&Api::pull_events));
  server.Get("/api/v1/roster", wrap(&Api::pull_roster));
  server.Get("/api/v1/agenda", wrap(&Api::pull_agenda));
  server.Get("/api/v1/config", wrap(&Api::pull_config));
  server.Get("/api/v1/admin/attendance", wrap(&Api::admin_attendance));
  server.Get("/api/v1/admin/events", wrap(&Api::admin_events));
  server.Get("/api/v1/admin/devices", wrap(&Api::admin_devices));
  server.Post("/api/v1/admin/agenda", wrap(&Api::admin_agenda));

  static const std::set<std::string> kPaths{"/api/v1/health",           "/api/v1/enrol",
                                            "/api/v1/events",           "/api/v1/roster",
                                            "/api/v1/agenda",           "/api/v1/config",
                                            "/api/v1/admin/attendance", "/api/v1/admin/events",
                                            "/api/v1/admin/devices",    "/api/v1/admin/agenda"};
  // httplib's own refusals (no route, body too large, malformed request) get a JSON body too;
  // answers our handlers already wrote are left alone.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const Request& req, Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string code = "error", reason = "the request could not be handled";
        if (res.status == 404 && kPaths.contains(req.path)) {
          res.status = 405;
          code = "method_not_allowed";
          reason = req.method + " is not supported here; see docs/api.md";
        } else if (res.status == 404) {
          code = "not_found";
          reason = "no such endpoint; the API is under /api/v1 (see docs/api.md)";
        } else if (res.status == 413) {
          code = "payload_too_large";
          reason = "the body is larger than " + std::to_string(protocol::kMaxRequestBytes) +
                   " bytes; send fewer events per request";
        } else if (res.status == 400) {
          code = "bad_request";
          reason = "malformed HTTP request";
        }
        send_json(res, res.status, error_json(code, reason));
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler([](const Request& req, Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    spdlog::error("internal error on {} {}: {}", req.method, req.path, what);
    send_json(res, 500, error_json("internal_error", "the server failed; see its log"));
  });
  server.set_pre_routing_handler([](const Request&, Response&) {
    request_start = std::chrono::steady_clock::now();
    request_device.clear();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // No bodies, no query strings, no names, no IP addresses (personal data under the GDPR):
  // method, path, status, time and device id only.
  server.set_logger([log = ctx_.request_log](const Request& req, const Response& res) {
    if (log != nullptr && !log->load()) return;
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - request_start)
                        .count();
    spdlog::info("{} {} {} {}ms {}", req.method, req.path, res.status, ms,
                 request_device.empty() ? "-" : request_device);
  });
}

}  // namespace

std::shared_ptr<const ServerConfig> ConfigCache::get(const store::Database& db) {
  const int64_t version = config_version(db);
  std::lock_guard lock(mutex_);
  if (!config_ || config_->version != version) config_ = load_server_config(db);
  return config_;
}

void install_api(httplib::Server& server, ApiContext context) {
  std::make_shared<Api>(context)->install(server);
}

}  // namespace einlass::sync::server
