#include "sync/server/export/csv_export.hpp"

#include <string>
#include <vector>

#include "sync/server/export/cell_text.hpp"

namespace einlass::sync::server {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kCrLf = "\r\n";

void write_line(std::ostream& out, const std::vector<std::string>& fields, char separator) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << separator;
    out << csv_field(fields[i], separator);
  }
  out << kCrLf;
}

}  // namespace

std::string csv_field(std::string_view text, char separator) {
  const std::string value = neutralise_formula(text);
  if (value.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string::npos)
    return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

int64_t write_attendance_csv(std::ostream& out, const AttendanceReport& report,
                             const core::Event& event, CsvDialect dialect) {
  const bool excel = dialect == CsvDialect::excel_german;
  const char separator = excel ? ';' : ',';
  if (excel) out << kUtf8Bom;

  std::vector<std::string> header;
  if (excel) {
    header = {"Veranstaltungsort", "Tag",          "Teilnehmer-Nr.", "Nachname",
              "Vorname",           "Organisation", "Eingecheckt"};
    for (const core::Round& round : event.rounds)
      header.push_back(round.name);
    header.push_back("Spontan angemeldet");
  } else {
    header = {"venue",      "day",          "participant", "last_name",
              "first_name", "organisation", "checked_in"};
    for (const core::Round& round : event.rounds)
      header.push_back("round_" + std::to_string(round.number) + "_rooms");
    header.push_back("walk_in");
  }
  write_line(out, header, separator);

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
    write_line(out, fields, separator);
    ++rows;
  }
  return rows;
}

}  // namespace einlass::sync::server
