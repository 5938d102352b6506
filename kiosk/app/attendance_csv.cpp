#include "kiosk/app/attendance_csv.hpp"

#include <vector>

#include "sync/protocol/cell_text.hpp"

namespace einlass::app {

namespace {

constexpr char kSeparator = ';';

const core::Venue& venue_of(const core::Event& event, const std::string& id) {
  return event.venues[*core::venue_index(event, id)];  // the list holds known venues only
}

}  // namespace

std::string attendance_csv_excel(const store::KioskAttendance& list, const core::Event& event) {
  std::string out(sync::kUtf8Bom);

  std::vector<std::string> header = {"Veranstaltungsort", "Tag",     "Teilnehmer-Nr.",
                                     "Nachname",          "Vorname", "Organisation",
                                     "Eingecheckt"};
  for (const core::Round& round : event.rounds)
    header.push_back(round.name);
  header.push_back("Spontan angemeldet");
  out += sync::csv_line(header, kSeparator);

  std::vector<std::string> fields;
  for (const store::AttendanceRow& row : list.rows) {
    fields = {venue_of(event, row.venue).name,
              sync::german_date(row.day),
              row.participant,
              row.last_name,
              row.first_name,
              row.organisation,
              row.checked_in_ms ? sync::german_date_time(
                                      sync::local_date_time(*row.checked_in_ms, event.timezone))
                                : ""};
    fields.insert(fields.end(), row.rooms.begin(), row.rooms.end());
    fields.push_back(row.walk_in ? "ja" : "nein");
    out += sync::csv_line(fields, kSeparator);
  }

  // The counts below the list, after an empty line, as Excel shows them to the organiser.
  out += sync::kCrLf;
  out += sync::csv_line({"Veranstaltungsort", "Tag", "Eingecheckt", "davon spontan angemeldet",
                         "Zurückgenommene Check-ins"},
                        kSeparator);
  for (const store::AttendanceDay& d : list.days)
    out += sync::csv_line(
        {venue_of(event, d.venue).name, sync::german_date(d.day), std::to_string(d.checked_in),
         std::to_string(d.walk_ins), std::to_string(d.taken_back)},
        kSeparator);
  return out;
}

}  // namespace einlass::app
