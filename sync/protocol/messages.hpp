#pragma once
// The requests and answers of /api/v1 (docs/api.md describes them for people). Each has a
// to_json for the side that sends it and a *_from_json for the side that receives it: the
// server reads requests strictly (unknown fields are errors), the kiosk reads answers leniently
// (a newer server may add fields).

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "kiosk/core/agenda_changes.hpp"
#include "kiosk/core/checkin_event.hpp"
#include "kiosk/core/roster_entry.hpp"

namespace einlass::sync::protocol {

// The newest cursor of each feed for the asking kiosk's venue, sent with every kiosk answer:
// the kiosk pulls a feed only when its head moved past the kiosk's cursor.
struct Heads {
  int64_t events = 0;
  int64_t roster = 0;
  int64_t agenda = 0;
  int64_t config = 0;  // version of event config + ticket keys
};

// With every kiosk answer. server_time_ms lets the kiosk measure its clock skew.
struct Envelope {
  int64_t server_time_ms = 0;
  Heads heads;
};

struct EnrolRequest {
  std::string code;       // the one-time enrolment code
  std::string device_id;  // the kiosk store's id (becomes the device's name on the server)
  std::string label;      // optional, e.g. "Eingang links"
};

struct KioskConfig {
  std::string venue;
  std::string event_config;  // the event's TOML text
  int64_t config_version = 0;
  std::vector<std::string> public_keys;  // lines of *.public key files
};

struct EnrolAnswer {
  std::string device_id;
  std::string token;  // the device's bearer token; the server keeps only its hash
  KioskConfig config;
  int64_t server_time_ms = 0;
};

enum class PushStatus { Stored, Duplicate, Rejected };
std::string_view push_status_name(PushStatus status);

struct PushResult {
  std::string uuid;
  PushStatus status = PushStatus::Stored;
  std::string reason;  // for Rejected
};

struct PushAnswer {
  std::vector<PushResult> results;  // one per pushed event, in request order
  Envelope envelope;
};

struct EventsPage {
  std::vector<core::CheckinEvent> events;
  int64_t cursor = 0;  // pass as `since` next time
  bool more = false;   // another page is waiting
  Envelope envelope;
};

struct RosterPage {
  std::vector<core::RosterEntry> entries;  // new or changed (including cancellations)
  std::vector<std::string> removed;        // participant ids no longer at this venue
  int64_t cursor = 0;
  bool more = false;
  Envelope envelope;
};

struct AgendaPage {
  std::vector<core::AgendaChange> changes;
  int64_t cursor = 0;
  Envelope envelope;
};

struct ConfigAnswer {
  KioskConfig config;
  Envelope envelope;
};

struct ErrorAnswer {
  std::string error;   // machine-readable code, e.g. "bad_request", "device_revoked"
  std::string reason;  // for people
};

nlohmann::json to_json(const Envelope& e);
nlohmann::json to_json(const EnrolRequest& r);
nlohmann::json to_json(const EnrolAnswer& a);
nlohmann::json to_json(const PushAnswer& a);
nlohmann::json to_json(const EventsPage& p);
nlohmann::json to_json(const RosterPage& p);
nlohmann::json to_json(const AgendaPage& p);
nlohmann::json to_json(const ConfigAnswer& a);
nlohmann::json to_json(const ErrorAnswer& e);
nlohmann::json push_request_json(const std::vector<core::CheckinEvent>& events);

// Server side, strict. Throw ProtocolError.
EnrolRequest enrol_request_from_json(const nlohmann::json& j);
// The push envelope only: each element of the returned list is then read on its own, so one
// bad event is refused alone while the rest of the batch is stored.
const nlohmann::json& push_request_events(const nlohmann::json& j);

// Kiosk side, lenient. Throw ProtocolError.
EnrolAnswer enrol_answer_from_json(const nlohmann::json& j);
PushAnswer push_answer_from_json(const nlohmann::json& j);
EventsPage events_page_from_json(const nlohmann::json& j);
RosterPage roster_page_from_json(const nlohmann::json& j);
AgendaPage agenda_page_from_json(const nlohmann::json& j);
ConfigAnswer config_answer_from_json(const nlohmann::json& j);
ErrorAnswer error_answer_from_json(const nlohmann::json& j);  // never throws

}  // namespace einlass::sync::protocol
