#include "kiosk/app/decision_json.hpp"

namespace einlass::app {

nlohmann::json decision_to_json(const core::Decision& d) {
  using core::DecisionKind;
  nlohmann::json j;
  j["decision"] = core::decision_name(d.kind);
  j["admitted"] = d.admitted();
  if (!d.participant_id.empty()) j["participant"] = d.participant_id;
  if (!d.first_name.empty()) j["first_name"] = d.first_name;
  if (d.kind == DecisionKind::InvalidCode) j["ticket"] = core::verdict_name(d.ticket_verdict);
  if (d.kind == DecisionKind::Cancelled) j["replaced_by_newer_ticket"] = d.cancelled_by_replacement;

  if (!d.rooms.empty()) {
    auto& rooms = j["rooms"] = nlohmann::json::array();
    for (const auto& r : d.rooms) {
      nlohmann::json room{{"round", r.round},
                          {"round_name", r.round_name},
                          {"start", core::format_hhmm(r.start)},
                          {"end", core::format_hhmm(r.end)}};
      if (!r.room_id.empty()) {
        room["topic"] = r.topic_id;
        room["topic_name"] = r.topic_name;
        room["room"] = r.room_id;
        room["room_name"] = r.room_name;
        room["location"] = r.room_location;
        room["assigned_here"] = r.assigned_here;
      } else {
        room["room"] = nullptr;  // nothing fits: staff decide
      }
      rooms.push_back(std::move(room));
    }
  }
  if (d.needs_staff) j["needs_staff"] = true;

  switch (d.kind) {
    case DecisionKind::AlreadyCheckedIn:
      j["earlier"] = {{"wall_ms", d.earlier_wall_ms}, {"device", d.earlier_device}};
      break;
    case DecisionKind::WrongVenue:
    case DecisionKind::WrongDay:
      j["right_venue"] = {{"id", d.right_venue_id},
                          {"name", d.right_venue_name},
                          {"city", d.right_venue_city},
                          {"date", d.right_date}};
      break;
    case DecisionKind::BeforeOpening:
    case DecisionKind::AfterClosing:
      j["opens"] = core::format_hhmm(d.opens);
      j["closes"] = core::format_hhmm(d.closes);
      break;
    default:
      break;
  }
  if (d.round != 0) {
    j["round"] = d.round;
    j["occupancy"] = d.occupancy;
    j["capacity"] = d.capacity;
  }
  if (d.event_to_record) j["event"] = d.event_to_record->uuid;
  return j;
}

}  // namespace einlass::app
