#include "sync/server/export/xlsx_export.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <stdexcept>
#include <vector>

#include <date/date.h>

#include "kiosk/core/event_config_toml.hpp"
#include "sync/protocol/cell_text.hpp"

namespace einlass::sync::server {

namespace {

// Characters, not bytes: column widths and Excel's 31-character limit count what one sees.
size_t utf8_length(std::string_view text) {
  return static_cast<size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string utf8_prefix(std::string_view text, size_t characters) {
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((text[i] & 0xC0) != 0x80) {
      if (seen == characters) return std::string(text.substr(0, i));
      ++seen;
    }
  }
  return std::string(text);
}

double excel_date(const std::string& iso_date) {
  const auto ymd = core::config_detail::parse_iso_date(iso_date);
  if (!ymd) return 0;
  return static_cast<double>(date::sys_days{*ymd}.time_since_epoch().count()) + 25569.0;
}

void check(lxw_error error, std::string_view what) {
  if (error != LXW_NO_ERROR)
    throw std::runtime_error(std::string(what) + ": " + lxw_strerror(error));
}

struct Formats {
  lxw_format* header;
  lxw_format* date;
  lxw_format* date_time;
  lxw_format* percent;
  lxw_format* title;
};

Formats make_formats(lxw_workbook* book) {
  Formats f{};
  f.header = workbook_add_format(book);
  format_set_bold(f.header);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  f.date = workbook_add_format(book);
  format_set_num_format(f.date, "dd.mm.yyyy");
  f.date_time = workbook_add_format(book);
  format_set_num_format(f.date_time, "dd.mm.yyyy hh:mm");
  f.percent = workbook_add_format(book);
  format_set_num_format(f.percent, "0.0%");
  f.title = workbook_add_format(book);
  format_set_bold(f.title);
  format_set_font_size(f.title, 13);
  return f;
}

// Cells of one sheet, written row by row (constant-memory mode flushes each finished row, so
// the column widths are measured from the data before anything is written).
class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* sheet, const Formats& formats) : sheet_(sheet), f_(formats) {}

  void fit_columns(const std::vector<size_t>& widths) {
    for (size_t c = 0; c < widths.size(); ++c) {
      const double chars = static_cast<double>(std::clamp<size_t>(widths[c] + 2, 8, 60));
      check(worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 chars, nullptr),
            "column width");
    }
  }
  void text(lxw_row_t row, lxw_col_t col, const std::string& value, lxw_format* format = nullptr) {
    if (value.empty()) return;
    check(worksheet_write_string(sheet_, row, col, value.c_str(), format), "cell");
  }
  void number(lxw_row_t row, lxw_col_t col, double value, lxw_format* format = nullptr) {
    check(worksheet_write_number(sheet_, row, col, value, format), "cell");
  }
  void header(lxw_row_t row, const std::vector<std::string>& names) {
    for (size_t c = 0; c < names.size(); ++c)
      text(row, static_cast<lxw_col_t>(c), names[c], f_.header);
  }
  // A list sheet: header row frozen and filterable over the rows below it.
  void list_frame(lxw_row_t header_row, lxw_row_t last_row, size_t columns) {
    worksheet_freeze_panes(sheet_, header_row + 1, 0);
    check(worksheet_autofilter(sheet_, header_row, 0, std::max(last_row, header_row),
                               static_cast<lxw_col_t>(columns - 1)),
          "autofilter");
  }

 private:
  lxw_worksheet* sheet_;
  const Formats& f_;
};

void widen(std::vector<size_t>& widths, size_t column, std::string_view text) {
  if (widths.size() <= column) widths.resize(column + 1, 0);
  widths[column] = std::max(widths[column], utf8_length(text));
}

std::string venue_label(const core::Venue& venue) {
  return venue.city.empty() ? venue.name : venue.city;
}

void write_summary(lxw_workbook* book, const Formats& f, const AttendanceReport& report,
                   const core::Event& event) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Übersicht");
  if (!sheet) throw std::runtime_error("cannot add the summary sheet");
  SheetWriter w(sheet, f);

  const std::vector<std::string> day_header{
      "Veranstaltungsort", "Tag", "Angemeldet", "Eingecheckt", "davon spontan", "Nicht erschienen"};
  const std::vector<std::string> room_header{
      "Veranstaltungsort",
      "Tag",
      "Runde",
      event.topic_label.empty() ? "Thema" : event.topic_label,
      "Raum",
      "Plätze",
      "Anwesend",
      "Auslastung"};
  std::vector<size_t> widths;
  for (size_t c = 0; c < room_header.size(); ++c)
    widen(widths, c, room_header[c]);
  for (size_t c = 0; c < day_header.size(); ++c)
    widen(widths, c, day_header[c]);
  std::map<std::string, std::string> labels;
  for (const core::Venue& v : event.venues) {
    labels[v.id] = venue_label(v);
    widen(widths, 0, labels[v.id]);
  }
  widen(widths, 1, "00.00.0000");
  for (const RoomCount& r : report.rooms) {
    const core::Round* round = core::find_round(event, r.round);
    widen(widths, 2, round ? round->name : "");
    widen(widths, 3, r.topics);
    widen(widths, 4, r.room_name);
  }
  widths[3] = std::min<size_t>(widths[3], 45);  // long topic names wrap into view on demand
  w.fit_columns(widths);

  lxw_row_t row = 0;
  w.text(row++, 0, "Anwesenheit – " + event.name, f.title);
  ++row;
  w.header(row++, day_header);
  for (const DayCounts& d : report.days) {
    w.text(row, 0, labels[d.venue]);
    w.number(row, 1, excel_date(d.day), f.date);
    w.number(row, 2, static_cast<double>(d.registered));
    w.number(row, 3, static_cast<double>(d.checked_in));
    w.number(row, 4, static_cast<double>(d.walk_ins));
    w.number(row, 5, static_cast<double>(d.no_shows));
    ++row;
  }
  row += 2;
  w.text(row++, 0,
         "Anwesenheit je " + (event.topic_label.empty() ? "Thema" : event.topic_label) +
             " und Runde (Einlass an der Raumtür)",
         f.title);
  const lxw_row_t room_header_row = row;
  w.header(row++, room_header);
  for (const RoomCount& r : report.rooms) {
    const core::Round* round = core::find_round(event, r.round);
    w.text(row, 0, labels[r.venue]);
    w.number(row, 1, excel_date(r.day), f.date);
    w.text(row, 2, round ? round->name : std::to_string(r.round));
    w.text(row, 3, r.topics);
    w.text(row, 4, r.room_name);
    w.number(row, 5, r.capacity);
    w.number(row, 6, static_cast<double>(r.present));
    w.number(row, 7, r.capacity > 0 ? static_cast<double>(r.present) / r.capacity : 0, f.percent);
    ++row;
  }
  // The room table is the long one organisers filter (by venue, by round).
  w.list_frame(room_header_row, row - 1, room_header.size());
}

void write_venue_sheet(lxw_workbook* book, const Formats& f, const std::string& name,
                       const std::vector<const ParticipantRow*>& rows, const core::Event& event) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, name.c_str());
  if (!sheet) throw std::runtime_error("cannot add the sheet \"" + name + "\"");
  SheetWriter w(sheet, f);
  std::vector<std::string> header{"Tag",     "Teilnehmer-Nr.", "Anmelde-Nr.", "Nachname",
                                  "Vorname", "Organisation",   "Eingecheckt"};
  constexpr size_t kFirstRoomColumn = 7;
  for (const core::Round& round : event.rounds)
    header.push_back(round.name);
  header.push_back("Spontan angemeldet");

  std::vector<size_t> widths;
  for (size_t c = 0; c < header.size(); ++c)
    widen(widths, c, header[c]);
  widen(widths, 0, "00.00.0000");
  widen(widths, 6, "00.00.0000 00:00");
  for (const ParticipantRow* r : rows) {
    widen(widths, 1, r->participant);
    widen(widths, 2, r->registration_number);
    widen(widths, 3, r->last_name);
    widen(widths, 4, r->first_name);
    widen(widths, 5, r->organisation);
    for (size_t i = 0; i < r->rooms.size(); ++i)
      widen(widths, kFirstRoomColumn + i, r->rooms[i]);
  }
  w.fit_columns(widths);
  w.header(0, header);
  lxw_row_t row = 1;
  const lxw_col_t walk_in_col = static_cast<lxw_col_t>(header.size() - 1);
  for (const ParticipantRow* r : rows) {
    w.number(row, 0, excel_date(r->day), f.date);
    w.text(row, 1, r->participant);
    // Written as strings, which Excel never evaluates, so "-minus GmbH" stays as registered
    // (no visible apostrophe, unlike the CSV dialects; see cell_text.hpp), and a site number
    // like "0815" or "2019-10010" keeps its digits instead of becoming a number or a date.
    w.text(row, 2, r->registration_number);
    w.text(row, 3, r->last_name);
    w.text(row, 4, r->first_name);
    w.text(row, 5, r->organisation);
    if (r->checked_in_ms)
      w.number(row, 6, local_date_time(*r->checked_in_ms, event.timezone).excel_serial,
               f.date_time);
    for (size_t i = 0; i < r->rooms.size(); ++i)
      w.text(row, static_cast<lxw_col_t>(kFirstRoomColumn + i), r->rooms[i]);
    w.text(row, walk_in_col, r->walk_in ? "ja" : "nein");
    ++row;
  }
  w.list_frame(0, row - 1, header.size());
}

}  // namespace

std::string sheet_name_for(std::string_view wanted) {
  std::string name;
  for (char c : wanted)
    name += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '-';
  while (!name.empty() && name.front() == '\'')
    name.erase(name.begin());
  name = utf8_prefix(name, 31);
  while (!name.empty() && name.back() == '\'')
    name.pop_back();
  return name.empty() ? "Ort" : name;
}

int64_t write_attendance_xlsx(const std::filesystem::path& file, const AttendanceReport& report,
                              const core::Event& event) {
  lxw_workbook_options options{};
  // Rows go to a temporary file as they are finished instead of staying in memory: 50,000
  // participants take a few MB instead of hundreds, and writing is faster.
  options.constant_memory = LXW_TRUE;
  const std::string path = file.string();
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  if (!book) throw std::runtime_error("cannot create " + path);
  int64_t rows = 0;
  try {
    const Formats formats = make_formats(book);
    write_summary(book, formats, report, event);
    std::set<std::string> used{"übersicht"};
    for (const core::Venue& venue : event.venues) {
      std::vector<const ParticipantRow*> rows_here;
      for (const ParticipantRow& r : report.participants)
        if (r.venue == venue.id) rows_here.push_back(&r);
      const bool listed = std::any_of(report.days.begin(), report.days.end(),
                                      [&](const DayCounts& d) { return d.venue == venue.id; });
      if (!listed) continue;  // an export for another venue
      // Excel compares sheet names without case; a second venue in the same city gets its id.
      std::string name = sheet_name_for(venue_label(venue));
      auto lower = [](std::string s) {
        for (char& c : s)
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
      };
      if (used.count(lower(name))) name = sheet_name_for(venue_label(venue) + " " + venue.id);
      if (used.count(lower(name))) name = sheet_name_for(venue.id);
      used.insert(lower(name));
      write_venue_sheet(book, formats, name, rows_here, event);
      rows += static_cast<int64_t>(rows_here.size());
    }
  } catch (...) {
    workbook_close(book);
    throw;
  }
  check(workbook_close(book), "cannot write " + path);
  return rows;
}

}  // namespace einlass::sync::server
