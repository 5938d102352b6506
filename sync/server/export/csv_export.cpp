#include "sync/server/export/csv_export.hpp"

#include <string>
#include <vector>

#include "sync/protocol/cell_text.hpp"

namespace einlass::sync::server {

int64_t write_attendance_csv(std::ostream& out, const AttendanceReport& report,
                             const core::Event& event, CsvDialect dialect) {
  const bool excel = dialect == CsvDialect::excel_german;
  const char separator = excel ? ';' : ',';
  if (excel) out << kUtf8Bom;

  std::vector<std::string> header;
  if (excel) {
    // The site's number beside Einlass's own: both identify the person, the name follows.
    header = {"Veranstaltungsort", "Tag",     "Teilnehmer-Nr.", "Anmelde-Nr.",
              "Nachname",          "Vorname", "Organisation",   "Eingecheckt"};
    for (const core::Round& round : event.rounds)
      header.push_back(round.name);
    header.push_back("Spontan angemeldet");
  } else {
    header = {"venue",     "day",        "participant",  "registration_number",
              "last_name", "first_name", "organisation", "checked_in"};
    for (const core::Round& round : event.rounds)
      header.push_back("round_" + std::to_string(round.number) + "_rooms");
    header.push_back("walk_in");
  }
  out << csv_line(header, separator);

  int64_t rows = 0;
  std::vector<std::string> fields;
  for (const ParticipantRow& row : report.participants) {
    fields.clear();
    const auto venue_index = core::venue_index(event, row.venue);
    if (!venue_index) continue;  // a venue no longer in the config (it was changed)
    const core::Venue& venue = event.venues[*venue_index];
    fields.push_back(excel ? venue.name : row.venue);
    fields.push_back(excel ? german_date(row.day) : row.day);
    fields.push_back(row.participant);
    fields.push_back(row.registration_number);  // from the site's list: neutralised like names
    fields.push_back(row.last_name);
    fields.push_back(row.first_name);
    fields.push_back(row.organisation);
    if (row.checked_in_ms) {
      const LocalDateTime t = local_date_time(*row.checked_in_ms, event.timezone);
      fields.push_back(excel ? german_date_time(t) : iso_date_time(t));
    } else {
      fields.emplace_back();
    }
    for (const std::string& room : row.rooms)
      fields.push_back(room);
    fields.push_back(excel ? (row.walk_in ? "ja" : "nein") : (row.walk_in ? "true" : "false"));
    out << csv_line(fields, separator);
    ++rows;
  }
  return rows;
}

}  // namespace einlass::sync::server
