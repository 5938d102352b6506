#include "sync/protocol/wire_event.hpp"

#include <cctype>

#include "kiosk/core/uuid.hpp"
#include "sync/protocol/json_reader.hpp"
#include "sync/protocol/limits.hpp"

namespace einlass::sync::protocol {

namespace {

// Ids are generated or configured, never typed by participants: a narrow alphabet keeps them
// safe in file names, logs and URLs.
bool is_id(std::string_view text) {
  if (text.empty() || text.size() > kMaxIdLength) return false;
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
      return false;
  return true;
}

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return true;
}

void require(bool ok, const std::string& path, std::string_view field, const std::string& why) {
  if (!ok) throw ProtocolError(path + "." + std::string(field) + " " + why);
}

}  // namespace

nlohmann::json event_to_json(const core::CheckinEvent& e) {
  nlohmann::json j{{"uuid", e.uuid},
                   {"kind", core::event_kind_name(e.kind)},
                   {"participant", e.participant},
                   {"venue", e.venue},
                   {"day", e.day},
                   {"device", e.device},
                   {"wall_ms", e.wall_ms},
                   {"hlc_ms", e.hlc.wall_ms},
                   {"hlc_counter", e.hlc.counter}};
  if (e.round != 0) j["round"] = e.round;
  if (!e.room.empty()) j["room"] = e.room;
  if (!e.rooms.empty()) j["rooms"] = e.rooms;
  if (!e.rooms_assigned_here.empty()) j["rooms_assigned_here"] = e.rooms_assigned_here;
  if (!e.ref.empty()) j["ref"] = e.ref;
  // Kept as text so the bytes stored at the kiosk arrive unchanged (re-serialising would
  // reorder keys and make the same event look different).
  if (!e.detail.empty()) j["detail"] = e.detail;
  return j;
}

core::CheckinEvent event_from_json(const nlohmann::json& value, const std::string& path,
                                   bool strict) {
  const JsonReader r(value, path, strict);
  core::CheckinEvent e;
  e.uuid = r.text("uuid", 36);
  const std::string kind = r.text("kind", 20);
  const auto parsed_kind = core::parse_event_kind(kind);
  if (!parsed_kind)
    throw ProtocolError(r.field_path("kind") + " \"" + kind +
                        "\" is not one of entry, room_entry, undo, walk_in");
  e.kind = *parsed_kind;
  e.participant = r.text("participant", kMaxIdLength);
  e.venue = r.text("venue", kMaxIdLength);
  e.day = r.text("day", 10);
  e.device = r.text("device", kMaxIdLength);
  e.wall_ms = r.integer("wall_ms", kMinPlausibleMs, kMaxPlausibleMs);
  e.hlc.wall_ms = r.integer("hlc_ms", kMinPlausibleMs, kMaxPlausibleMs);
  e.hlc.counter = static_cast<uint32_t>(r.integer("hlc_counter", 0, UINT32_MAX));
  e.round = static_cast<int>(r.optional_integer("round", 0, kMaxRounds).value_or(0));
  e.room = r.optional_text("room", kMaxIdLength).value_or("");
  if (r.has("rooms")) e.rooms = r.text_list("rooms", kMaxRounds, kMaxIdLength);
  if (r.has("rooms_assigned_here")) {
    const auto& flags = r.array("rooms_assigned_here", kMaxRounds);
    for (size_t i = 0; i < flags.size(); ++i) {
      if (!flags[i].is_boolean())
        throw ProtocolError(r.field_path("rooms_assigned_here") + "[" + std::to_string(i) +
                            "] must be true or false");
      e.rooms_assigned_here.push_back(flags[i].get<bool>());
    }
  }
  e.ref = r.optional_text("ref", 36).value_or("");
  e.detail = r.optional_text("detail", kMaxDetailBytes).value_or("");
  r.finish();
  check_event(e, path);
  return e;
}

void check_event(const core::CheckinEvent& e, const std::string& path) {
  require(core::is_canonical_uuid(e.uuid), path, "uuid",
          "must be a lowercase UUID like 0190f5c2-7d3e-7a41-9c2b-3f4e5d6c7b8a");
  require(is_id(e.participant), path, "participant", "must be a participant id like R1001");
  require(is_id(e.venue), path, "venue", "must be a venue id");
  require(is_iso_date(e.day), path, "day", "must be a date like 2019-09-12");
  require(is_id(e.device), path, "device", "must be a device id");
  require(e.round >= 0 && e.round <= kMaxRounds, path, "round", "is out of range");
  require(e.room.empty() || is_id(e.room), path, "room", "must be a room id");
  for (const std::string& room : e.rooms)
    require(room.empty() || is_id(room), path, "rooms", "must hold room ids or \"\"");
  require(e.rooms_assigned_here.empty() || e.rooms_assigned_here.size() == e.rooms.size(), path,
          "rooms_assigned_here", "must have one flag per entry of rooms");
  require(e.wall_ms >= kMinPlausibleMs && e.wall_ms <= kMaxPlausibleMs, path, "wall_ms",
          "is not a plausible time");
  require(e.detail.size() <= kMaxDetailBytes, path, "detail", "is too long");
  switch (e.kind) {
    case core::EventKind::RoomEntry:
      require(e.round >= 1, path, "round", "must name the round (1 or more) for a room entry");
      require(!e.room.empty(), path, "room", "must name the room for a room entry");
      break;
    case core::EventKind::Undo:
      require(core::is_canonical_uuid(e.ref), path, "ref",
              "must be the uuid of the event an undo takes back");
      break;
    case core::EventKind::Entry:
    case core::EventKind::WalkIn:
      break;
  }
  if (e.kind != core::EventKind::Undo)
    require(e.ref.empty(), path, "ref", "is only allowed on undo events");
  if (!e.detail.empty()) {
    const auto detail = nlohmann::json::parse(e.detail, nullptr, false);
    require(!detail.is_discarded() && detail.is_object(), path, "detail",
            "must be a JSON object in text form");
  }
}

}  // namespace einlass::sync::protocol
