#include "sync/protocol/wire_roster.hpp"

#include <cctype>

#include "sync/protocol/json_reader.hpp"
#include "sync/protocol/limits.hpp"

namespace einlass::sync::protocol {

nlohmann::json roster_entry_to_json(const core::RosterEntry& r) {
  nlohmann::json j{{"participant_id", r.participant_id},
                   {"registration_id", r.registration_id},
                   {"ticket_serial", r.ticket_serial},
                   {"first_name", r.first_name},
                   {"last_name", r.last_name},
                   {"organisation", r.organisation},
                   {"venue", r.venue},
                   {"day", r.day},
                   {"round_topics", r.round_topics},
                   {"unplaced_topics", r.unplaced_topics},
                   {"cancelled", r.cancelled}};
  if (!r.opaque_code.empty()) j["opaque_code"] = r.opaque_code;
  return j;
}

core::RosterEntry roster_entry_from_json(const nlohmann::json& value, const std::string& path) {
  const JsonReader r(value, path, false);
  core::RosterEntry e;
  e.participant_id = r.text("participant_id", kMaxIdLength);
  e.registration_id = static_cast<uint32_t>(r.integer("registration_id", 1, UINT32_MAX));
  e.ticket_serial = static_cast<uint8_t>(r.integer("ticket_serial", 0, 255));
  e.first_name = r.text("first_name", kMaxTextLength);
  e.last_name = r.text("last_name", kMaxTextLength);
  e.organisation = r.text("organisation", kMaxTextLength);
  e.venue = r.text("venue", kMaxIdLength);
  e.day = r.text("day", 10);
  e.round_topics = r.text_list("round_topics", kMaxRounds, kMaxIdLength);
  e.unplaced_topics = r.text_list("unplaced_topics", 16, kMaxIdLength);
  e.cancelled = r.boolean("cancelled");
  e.opaque_code = r.optional_text("opaque_code", kMaxTextLength).value_or("");
  if (e.participant_id != core::participant_id_for_registration(e.registration_id))
    throw ProtocolError(path + ".participant_id does not match registration_id");
  return e;
}

core::LocalTime parse_hhmm(const std::string& text, const std::string& path) {
  const bool shape = text.size() == 5 && text[2] == ':' && std::isdigit((unsigned char)text[0]) &&
                     std::isdigit((unsigned char)text[1]) && std::isdigit((unsigned char)text[3]) &&
                     std::isdigit((unsigned char)text[4]);
  const int h = shape ? (text[0] - '0') * 10 + (text[1] - '0') : -1;
  const int m = shape ? (text[3] - '0') * 10 + (text[4] - '0') : -1;
  // 24:00 is allowed: an item may end at midnight.
  if (!shape || m > 59 || h > 24 || (h == 24 && m != 0))
    throw ProtocolError(path + " must be a time like 16:05, not \"" + text + "\"");
  return core::LocalTime::hm(h, m);
}

nlohmann::json agenda_change_to_json(const core::AgendaChange& c) {
  nlohmann::json j{{"id", c.id},
                   {"kind", core::agenda_change_kind_name(c.kind)},
                   {"venue", c.venue},
                   {"day", c.day},
                   {"created_ms", c.created_ms}};
  switch (c.kind) {
    case core::AgendaChangeKind::Delay:
      j["from"] = core::format_hhmm(c.from);
      j["minutes"] = c.minutes;
      break;
    case core::AgendaChangeKind::ChangeItem:
      j["item"] = c.item;
      if (c.start) j["start"] = core::format_hhmm(*c.start);
      if (c.end) j["end"] = core::format_hhmm(*c.end);
      if (c.title) j["title"] = *c.title;
      break;
    case core::AgendaChangeKind::Reset:
      break;
  }
  return j;
}

core::AgendaChange agenda_change_from_json(const nlohmann::json& value, const std::string& path) {
  const JsonReader r(value, path, false);
  core::AgendaChange c;
  c.id = r.integer("id", 1, INT64_MAX);
  const std::string kind = r.text("kind", 20);
  const auto parsed = core::parse_agenda_change_kind(kind);
  if (!parsed) throw ProtocolError(r.field_path("kind") + " \"" + kind + "\" is not known");
  c.kind = *parsed;
  c.venue = r.text("venue", kMaxIdLength);
  c.day = r.text("day", 10);
  c.created_ms = r.optional_integer("created_ms", 0, kMaxPlausibleMs).value_or(0);
  switch (c.kind) {
    case core::AgendaChangeKind::Delay:
      c.from = parse_hhmm(r.text("from", 5), r.field_path("from"));
      c.minutes = static_cast<int>(r.integer("minutes", -24 * 60, 24 * 60));
      break;
    case core::AgendaChangeKind::ChangeItem:
      c.item = static_cast<int>(r.integer("item", 0, 1000));
      if (auto s = r.optional_text("start", 5)) c.start = parse_hhmm(*s, r.field_path("start"));
      if (auto s = r.optional_text("end", 5)) c.end = parse_hhmm(*s, r.field_path("end"));
      c.title = r.optional_text("title", kMaxTextLength);
      break;
    case core::AgendaChangeKind::Reset:
      break;
  }
  return c;
}

}  // namespace einlass::sync::protocol
