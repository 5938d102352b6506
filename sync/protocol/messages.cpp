#include "sync/protocol/messages.hpp"

#include "sync/protocol/json_reader.hpp"
#include "sync/protocol/limits.hpp"
#include "sync/protocol/wire_event.hpp"
#include "sync/protocol/wire_roster.hpp"

namespace einlass::sync::protocol {

namespace {

constexpr int64_t kMaxCursor = INT64_MAX;
constexpr std::size_t kMaxConfigBytes = 512 * 1024;
constexpr std::size_t kMaxKeyLine = 200;
constexpr std::size_t kMaxTokenLength = 128;

void add_envelope(nlohmann::json& j, const Envelope& e) {
  j["server_time_ms"] = e.server_time_ms;
  j["heads"] = {{"events", e.heads.events},
                {"roster", e.heads.roster},
                {"agenda", e.heads.agenda},
                {"config", e.heads.config}};
}

Envelope read_envelope(const JsonReader& r) {
  Envelope e;
  e.server_time_ms = r.integer("server_time_ms", 0, kMaxPlausibleMs);
  const JsonReader h(r.object("heads"), "heads", false);
  e.heads.events = h.integer("events", 0, kMaxCursor);
  e.heads.roster = h.integer("roster", 0, kMaxCursor);
  e.heads.agenda = h.integer("agenda", 0, kMaxCursor);
  e.heads.config = h.integer("config", 0, kMaxCursor);
  return e;
}

nlohmann::json config_json(const KioskConfig& c) {
  return {{"venue", c.venue},
          {"event_config", c.event_config},
          {"config_version", c.config_version},
          {"public_keys", c.public_keys}};
}

KioskConfig read_config(const JsonReader& r) {
  KioskConfig c;
  c.venue = r.text("venue", kMaxIdLength);
  c.event_config = r.text("event_config", kMaxConfigBytes);
  c.config_version = r.integer("config_version", 0, kMaxCursor);
  c.public_keys = r.text_list("public_keys", 64, kMaxKeyLine);
  return c;
}

}  // namespace

std::string_view push_status_name(PushStatus status) {
  switch (status) {
    case PushStatus::Stored:
      return "stored";
    case PushStatus::Duplicate:
      return "duplicate";
    case PushStatus::Rejected:
      return "rejected";
  }
  return "rejected";
}

nlohmann::json to_json(const Envelope& e) {
  nlohmann::json j = nlohmann::json::object();
  add_envelope(j, e);
  return j;
}

nlohmann::json to_json(const EnrolRequest& r) {
  nlohmann::json j{{"code", r.code}, {"device_id", r.device_id}};
  if (!r.label.empty()) j["label"] = r.label;
  return j;
}

nlohmann::json to_json(const EnrolAnswer& a) {
  return {{"device_id", a.device_id},
          {"token", a.token},
          {"config", config_json(a.config)},
          {"server_time_ms", a.server_time_ms}};
}

nlohmann::json to_json(const PushAnswer& a) {
  nlohmann::json results = nlohmann::json::array();
  for (const PushResult& r : a.results) {
    nlohmann::json one{{"uuid", r.uuid}, {"status", push_status_name(r.status)}};
    if (!r.reason.empty()) one["reason"] = r.reason;
    results.push_back(std::move(one));
  }
  nlohmann::json j{{"results", std::move(results)}};
  add_envelope(j, a.envelope);
  return j;
}

nlohmann::json to_json(const EventsPage& p) {
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : p.events)
    events.push_back(event_to_json(e));
  nlohmann::json j{{"events", std::move(events)}, {"cursor", p.cursor}, {"more", p.more}};
  add_envelope(j, p.envelope);
  return j;
}

nlohmann::json to_json(const RosterPage& p) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : p.entries)
    entries.push_back(roster_entry_to_json(e));
  nlohmann::json j{{"entries", std::move(entries)},
                   {"removed", p.removed},
                   {"cursor", p.cursor},
                   {"more", p.more}};
  add_envelope(j, p.envelope);
  return j;
}

nlohmann::json to_json(const AgendaPage& p) {
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& c : p.changes)
    changes.push_back(agenda_change_to_json(c));
  nlohmann::json j{{"changes", std::move(changes)}, {"cursor", p.cursor}};
  add_envelope(j, p.envelope);
  return j;
}

nlohmann::json to_json(const ConfigAnswer& a) {
  nlohmann::json j{{"config", config_json(a.config)}};
  add_envelope(j, a.envelope);
  return j;
}

nlohmann::json to_json(const ErrorAnswer& e) {
  return {{"error", e.error}, {"reason", e.reason}};
}

nlohmann::json push_request_json(const std::vector<core::CheckinEvent>& events) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : events)
    list.push_back(event_to_json(e));
  return {{"events", std::move(list)}};
}

EnrolRequest enrol_request_from_json(const nlohmann::json& j) {
  const JsonReader r(j, "", true);
  EnrolRequest req;
  req.code = r.text("code", 64);
  req.device_id = r.text("device_id", kMaxIdLength);
  req.label = r.optional_text("label", kMaxTextLength).value_or("");
  r.finish();
  if (req.code.empty()) throw ProtocolError("code is empty");
  if (req.device_id.empty()) throw ProtocolError("device_id is empty");
  for (char c : req.device_id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_')
      throw ProtocolError("device_id may hold only letters, digits, '-' and '_'");
  return req;
}

const nlohmann::json& push_request_events(const nlohmann::json& j) {
  const JsonReader r(j, "", true);
  const nlohmann::json& events = r.array("events", kMaxEventsPerPush);
  r.finish();
  return events;
}

EnrolAnswer enrol_answer_from_json(const nlohmann::json& j) {
  const JsonReader r(j, "", false);
  EnrolAnswer a;
  a.device_id = r.text("device_id", kMaxIdLength);
  a.token = r.text("token", kMaxTokenLength);
  a.config = read_config(JsonReader(r.object("config"), "config", false));
  a.server_time_ms = r.integer("server_time_ms", 0, kMaxPlausibleMs);
  return a;
}

PushAnswer push_answer_from_json(const nlohmann::json& j) {
  const JsonReader r(j, "", false);
  PushAnswer a;
  const nlohmann::json& results = r.array("results", kMaxEventsPerPush);
  for (size_t i = 0; i < results.size(); ++i) {
    const JsonReader one(results[i], "results[" + std::to_string(i) + "]", false);
    PushResult result;
    result.uuid = one.text("uuid", kMaxIdLength);
    const std::string status = one.text("status", 20);
    if (status == "stored") {
      result.status = PushStatus::Stored;
    } else if (status == "duplicate") {
      result.status = PushStatus::Duplicate;
    } else if (status == "rejected") {
      result.status = PushStatus::Rejected;
    } else {
      throw ProtocolError(one.field_path("status") + " \"" + status + "\" is not known");
    }
    result.reason = one.optional_text("reason", 1000).value_or("");
    a.results.push_back(std::move(result));
  }
  a.envelope = read_envelope(r);
  return a;
}

EventsPage events_page_from_json(const nlohmann::json& j) {
  const JsonReader r(j, "", false);
  EventsPage p;
  const nlohmann::json& events = r.array("events", kMaxPageSize);
  for (size_t i = 0; i < events.size(); ++i)
    p.events.push_back(event_from_json(events[i], "events[" + std::to_string(i) + "]", false));
  p.cursor = r.integer("cursor", 0, kMaxCursor);
  p.more = r.boolean("more");
  p.envelope = read_envelope(r);
  return p;
}

RosterPage roster_page_from_json(const nlohmann::json& j) {
  const JsonReader r(j, "", false);
  RosterPage p;
  const nlohmann::json& entries = r.array("entries", kMaxPageSize);
  for (size_t i = 0; i < entries.size(); ++i)
    p.entries.push_back(roster_entry_from_json(entries[i], "entries[" + std::to_string(i) + "]"));
  p.removed = r.text_list("removed", kMaxPageSize, kMaxIdLength);
  p.cursor = r.integer("cursor", 0, kMaxCursor);
  p.more = r.boolean("more");
  p.envelope = read_envelope(r);
  return p;
}

AgendaPage agenda_page_from_json(const nlohmann::json& j) {
  const JsonReader r(j, "", false);
  AgendaPage p;
  const nlohmann::json& changes = r.array("changes", kMaxPageSize);
  for (size_t i = 0; i < changes.size(); ++i)
    p.changes.push_back(agenda_change_from_json(changes[i], "changes[" + std::to_string(i) + "]"));
  p.cursor = r.integer("cursor", 0, kMaxCursor);
  p.envelope = read_envelope(r);
  return p;
}

ConfigAnswer config_answer_from_json(const nlohmann::json& j) {
  const JsonReader r(j, "", false);
  ConfigAnswer a;
  a.config = read_config(JsonReader(r.object("config"), "config", false));
  a.envelope = read_envelope(r);
  return a;
}

ErrorAnswer error_answer_from_json(const nlohmann::json& j) {
  ErrorAnswer e;
  if (!j.is_object()) return e;
  if (auto it = j.find("error"); it != j.end() && it->is_string()) e.error = it->get<std::string>();
  if (auto it = j.find("reason"); it != j.end() && it->is_string())
    e.reason = it->get<std::string>();
  return e;
}

}  // namespace einlass::sync::protocol
