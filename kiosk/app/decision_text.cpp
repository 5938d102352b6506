#include "kiosk/app/decision_text.hpp"

#include <date/date.h>

namespace einlass::app {

namespace {

std::string german_date(const std::string& iso) {
  // "2019-09-18" -> "18.09.2019"
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

std::string rooms_text(const core::Decision& d, const core::Event& event) {
  std::string out;
  for (const auto& r : d.rooms) {
    out += "\n      " + r.round_name + " " + core::format_hhmm(r.start) + "–" +
           core::format_hhmm(r.end) + ": ";
    if (r.room_id.empty()) {
      out += "noch kein Raum – bitte an den Empfang";
      continue;
    }
    out += event.topic_short + " " + std::to_string(r.topic_number) + " „" + r.topic_name + "“, " +
           r.room_name;
    if (!r.room_location.empty()) out += " (" + r.room_location + ")";
    if (r.assigned_here) out += " [zugewiesen]";
  }
  return out;
}

}  // namespace

std::string decision_text(const core::Decision& d, const core::Event& event) {
  using core::DecisionKind;
  const std::string name = d.first_name.empty() ? "" : ", " + d.first_name;
  switch (d.kind) {
    case DecisionKind::Admitted:
      return "EINGELASSEN  Willkommen" + name + "!" + rooms_text(d, event);
    case DecisionKind::AlreadyCheckedIn:
      return "SCHON DA     Sie sind bereits eingecheckt" + name + " – alles gut." +
             rooms_text(d, event);
    case DecisionKind::WrongVenue:
      return "FALSCHER ORT Dieses Ticket gilt für " + d.right_venue_name + ", " +
             d.right_venue_city + " am " + german_date(d.right_date) + ".";
    case DecisionKind::WrongDay:
      return "FALSCHER TAG Dieses Ticket gilt am " + german_date(d.right_date) + ".";
    case DecisionKind::BeforeOpening:
      return "NOCH ZU      Der Einlass öffnet um " + core::format_hhmm(d.opens) + " Uhr.";
    case DecisionKind::AfterClosing:
      return "GESCHLOSSEN  Der Einlass ist seit " + core::format_hhmm(d.closes) +
             " Uhr geschlossen.";
    case DecisionKind::Cancelled:
      return d.cancelled_by_replacement
                 ? "ERSETZT      Für diese Anmeldung gibt es ein neueres Ticket."
                 : "STORNIERT    Diese Anmeldung wurde storniert.";
    case DecisionKind::UnknownCode:
      return "UNBEKANNT    Diesen Code kennen wir nicht.";
    case DecisionKind::InvalidCode:
      return "UNGÜLTIG     Das Ticket ist ungültig (" +
             std::string(core::verdict_name(d.ticket_verdict)) + ").";
    case DecisionKind::RoomFull:
      return "RAUM VOLL    Dieser Raum ist voll (" + std::to_string(d.occupancy) + "/" +
             std::to_string(d.capacity) + ").";
    case DecisionKind::NotForThisRoom:
      return "ANDERER RAUM Ihr Raum in dieser Runde ist ein anderer:" + rooms_text(d, event);
    case DecisionKind::NoRoundRunning:
      return "KEINE RUNDE  Gerade läuft keine Gesprächsrunde.";
  }
  return "?";
}

}  // namespace einlass::app
